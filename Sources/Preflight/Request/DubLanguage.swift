/// The language codes the dubbing flow (`dubParams.targetLang`, `sourceLang`) is checked against (F-DUB-04).
///
/// Sync's own list is the `DubLanguage` enum of its API reference (https://sync.so/docs/tutorials/dubbing
/// points there), which could not be read when this was written: the list below is ElevenLabs' (the provider
/// Sync dubs with; "Available languages are determined by the ElevenLabs dubbing endpoint",
/// https://sync.so/docs/web-app-guides/dubbing-ui.md): the 32 languages of ElevenLabs' Turbo v2.5 model,
/// which its dubbing resources take ("ElevenLabs Turbo V2/V2.5 language code"; list at
/// https://elevenlabs.io/docs/models). ElevenLabs' Dubbing v2 names "90+ languages" and region tags such as
/// `pt-BR` (https://elevenlabs.io/docs/overview/capabilities/dubbing.md), so a well-formed code outside this
/// list is a warning, not an error; only a code that is not a language tag at all is an error.
public enum DubLanguage {
    /// ISO 639-1 codes (`fil` is ISO 639-3), in ElevenLabs' order.
    public static let known: [String] = [
        "en", "ja", "zh", "de", "hi", "fr", "ko", "pt", "it", "es", "id", "nl", "tr", "fil", "pl", "sv",
        "bg", "ro", "ar", "cs", "el", "fi", "hr", "ms", "sk", "da", "ta", "uk", "ru", "hu", "no", "vi",
    ]

    /// How a code compares with the list.
    public enum Verdict: Equatable, Sendable {
        /// In the list, alone or with a region (`pt-BR`: `pt` is listed).
        case known
        /// A well-formed language tag whose language is not in the list.
        case unlisted
        /// Not a language tag (`xx_YY`, `spanish`, empty).
        case malformed
    }

    /// `code` as a BCP 47 language tag: a 2-3 letter language, then optional 2-8 character subtags
    /// (`es`, `pt-BR`, `zh-Hant-TW`). Case is ignored, as ISO codes are case-insensitive.
    public static func verdict(_ code: String) -> Verdict {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return .malformed }
        return known.contains(language.lowercased()) ? .known : .unlisted
    }
}
