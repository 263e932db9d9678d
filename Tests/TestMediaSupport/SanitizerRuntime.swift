#if canImport(Glibc)
import Glibc
#endif

/// Which sanitizer runtime the test process (and the `preflight` binary built with it) runs under.
public enum SanitizerRuntime {
    /// ThreadSanitizer's runtime is linked in (`swift test --sanitize=thread`).
    public static let thread: Bool = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil
}
