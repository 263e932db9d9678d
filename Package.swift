// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "preflight",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Preflight", targets: ["Preflight"]),
        .executable(name: "preflight", targets: ["PreflightCLI"]),
        // The face and speech code with dlib and OpenCV, opened by CContentLibrary only when a content check runs.
        .library(name: "PreflightContent", type: .dynamic, targets: ["CFaceDetect", "CSpeechModel"]),
        // The same for CPUs with AVX2 and FMA, opened instead of the one above on such a CPU (CContentLibrary).
        .library(name: "PreflightContentAVX2", type: .dynamic, targets: ["CFaceDetectAVX2", "CSpeechModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The HTML report's templates (check --format html): Mustache escapes every {{value}} for HTML (& < > " ')
        // by default, in text and attributes alike; Plot leaves attribute values unescaped and Stencil escapes nothing.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C declarations only: FFmpeg headers plus static inline helpers for macros Swift cannot import.
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswresample-dev"])]
        ),
        // libebur128 (EBU R128 / ITU-R BS.1770 loudness and true peak).
        .systemLibrary(name: "CEBUR128", pkgConfig: "libebur128", providers: [.apt(["libebur128-dev"])]),
        // The signal handler that removes temporary files on SIGINT/SIGTERM/SIGHUP: C, async-signal-safe.
        .target(name: "CSignalCleanup"),
        // sync_file_range, which Swift's Glibc does not show: starting an output's writeback while it is written.
        .target(name: "CFileWriteback"),
        // libav's log captured per thread (the last error message and a count) instead of printed: one callback
        // and one thread-local state, in a .c file of its own.
        .target(name: "CLibavLog", dependencies: ["CFFmpeg"]),
        // prepare's per-sample inner loops (true-peak interpolation, K-weighting) with AVX2+FMA variants chosen at
        // run time; Swift compiles for baseline x86-64. -O2 always, so debug-built tests are not ~10x slower.
        .target(name: "CSignalKernels", cSettings: [.unsafeFlags(["-O2"])]),
        // dlib's face detector and landmarks behind an extern "C" header. dlib inlines BLAS/LAPACK calls, so both
        // are linked by soname; -O2 always: at -O0 detection is ~55x slower. The detector's serialized filters are
        // compiled in with #embed (the .dat is not a build input of its own).
        // Built into the PreflightContent library only, never into the executable (see CContentLibrary).
        .target(
            name: "CFaceDetect",
            exclude: ["frontal_face_detector.dat"],
            cxxSettings: [.headerSearchPath("../CContentLibrary/include"), .unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("dlib"), .linkedLibrary(":libblas.so.3"), .linkedLibrary(":liblapack.so.3"),
                             // The library holds no Swift: without swiftc's start-up object nothing in it refers to the
                             // Swift runtime, and against the static one none is linked or loaded beside the executable's.
                             .unsafeFlags(["-nostartfiles", "-static-stdlib"])]
        ),
        // CFaceDetect's source compiled for AVX2 and FMA: dlib's HOG feature and filter templates are instantiated
        // in this library, and with __AVX__ defined dlib's SIMD types use 256-bit vectors (~30 % less CPU a
        // detection). Only in libPreflightContentAVX2.so, which CContentLibrary opens on CPUs that have both.
        .target(
            name: "CFaceDetectAVX2",
            cxxSettings: [.headerSearchPath("../CContentLibrary/include"), .unsafeFlags(["-O2", "-mavx2", "-mfma"])],
            linkerSettings: [.linkedLibrary("dlib"), .linkedLibrary(":libblas.so.3"), .linkedLibrary(":liblapack.so.3"),
                             .unsafeFlags(["-nostartfiles", "-static-stdlib"])]
        ),
        // Silero VAD (a trained speech detector, MIT) run by OpenCV 4.6's dnn module (libopencv-dnn-dev), behind an
        // extern "C" header. The model is compiled in with #embed; the .onnx and its licence are not build inputs.
        .target(
            name: "CSpeechModel",
            exclude: ["silero_vad_16k_opencv.onnx", "LICENSE.silero-vad"],
            cxxSettings: [.headerSearchPath("../CContentLibrary/include"), .unsafeFlags(["-O2", "-I/usr/include/opencv4"])],
            linkerSettings: [.linkedLibrary("opencv_dnn"), .linkedLibrary("opencv_core")]
        ),
        // Opens libPreflightContent.so on first use and hands out its functions: a probe never loads dlib or OpenCV.
        // Holds the C API headers of CFaceDetect and CSpeechModel.
        // Asks CSignalKernels whether this CPU runs AVX2+FMA code, to choose the AVX2 build.
        .target(name: "CContentLibrary", dependencies: ["CSignalKernels"]),
        // The WebRTC VAD's C functions in libwebrtc-audio-processing 0.3 (no header ships: declared in shim.h).
        .systemLibrary(name: "CWebRTCVAD", providers: [.apt(["libwebrtc-audio-processing-dev"])]),
        // Swift owners of libav and libebur128 objects; the only layer that touches raw pointers.
        .target(name: "MediaIO", dependencies: ["CFFmpeg", "CLibavLog", "CEBUR128", "CSignalCleanup", "CFileWriteback", "CSignalKernels", "CContentLibrary", "CWebRTCVAD"]),
        // The domain: probe values, rules, reports. No raw pointers.
        .target(name: "Preflight", dependencies: ["MediaIO", .product(name: "Yams", package: "Yams"),
                                                .product(name: "Mustache", package: "swift-mustache")]),
        .executableTarget(
            name: "PreflightCLI",
            dependencies: ["Preflight", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The libFuzzer target over probe --exact and check: scripts/fuzz.sh links it into the fuzzer binary.
        .target(name: "PreflightFuzzing", dependencies: ["Preflight"], path: "Fuzz/PreflightFuzzing"),
        // Replays saved fuzz inputs (seeds, former crashers) through the same code with a plain build.
        .executableTarget(name: "PreflightFuzzReplay", dependencies: ["PreflightFuzzing"], path: "Fuzz/PreflightFuzzReplay"),
        // Locates testmedia/ and reads its manifest and the ffprobe oracle JSON; shared by the test targets.
        .target(name: "TestMediaSupport", path: "Tests/TestMediaSupport"),
        .testTarget(name: "MediaIOTests", dependencies: ["MediaIO", "TestMediaSupport"]),
        .testTarget(name: "PreflightTests", dependencies: ["Preflight", "PreflightFuzzing", "TestMediaSupport"]),
        .testTarget(name: "PreflightCLITests", dependencies: ["PreflightCLI", "Preflight", "MediaIO", "TestMediaSupport"]),
    ]
)
