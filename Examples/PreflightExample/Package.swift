// swift-tools-version:6.0
// A consumer of the Preflight library, as a team's own package would use it: a path dependency and
// `import Preflight` only (MediaIO and the C modules are not products, so they cannot be imported here).
// Built and run by `make test` (scripts/example.sh).
import PackageDescription

let package = Package(
    name: "PreflightExample",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "preflight", path: "../..")],
    targets: [
        .executableTarget(name: "PreflightExample", dependencies: [.product(name: "Preflight", package: "preflight")]),
    ]
)
