import Foundation
import Testing
@testable import Preflight

/// `dubParams` and `options.active_speaker_detection` / `occlusion_detection_enabled` in the `/v2/generate`
/// body: exact wire names, nulls inside `bounding_boxes`, absent when unset, and a lossless round trip.
@Suite struct DubAndSpeakerRequestTests {
    func wire(_ request: GenerateRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: try request.jsonData(pretty: false)) as? [String: Any])
    }

    @Test func dubbingBodyHasDubParamsAndNoAudioInputAndRoundTrips() throws {
        let dub = DubParams(targetLang: "es", sourceLang: "en", numSpeakers: 2)
        // Audio and text given to `make` are left out: the API dubs the video's own audio.
        let request = GenerateRequest.make(
            model: "lipsync-2", videoURL: "https://example.com/clip.mp4", imageURL: nil,
            audio: [(refId: nil, url: "https://example.com/dub.wav")], text: (voiceId: "v", script: "hola"),
            syncMode: nil, segments: nil, outputFileName: nil, dubParams: dub)
        let body = try wire(request)
        #expect(Set(body.keys) == ["model", "input", "dubParams"])
        let params = try #require(body["dubParams"] as? [String: Any])
        #expect(Set(params.keys) == ["providerName", "targetLang", "sourceLang", "numSpeakers"])
        #expect(params["providerName"] as? String == "elevenlabs")
        #expect(params["targetLang"] as? String == "es")
        #expect(params["sourceLang"] as? String == "en")
        #expect(params["numSpeakers"] as? Int == 2)
        let input = try #require(body["input"] as? [[String: Any]])
        #expect(input.map { $0["type"] as? String } == ["video"])

        let decoded = try JSONDecoder().decode(GenerateRequest.self, from: try request.jsonData(pretty: true))
        #expect(decoded == request)
        #expect(decoded.dubParams == dub)
        // Defaults: sourceLang auto, numSpeakers 0 (detected).
        #expect(DubParams(targetLang: "fr") == DubParams(targetLang: "fr", sourceLang: "auto", numSpeakers: 0, providerName: "elevenlabs"))
    }

    @Test func activeSpeakerPointAndOcclusionUseTheSDKsSnakeCaseKeys() throws {
        let request = GenerateRequest.make(
            model: "lipsync-2-pro", videoURL: "https://example.com/clip.mp4", imageURL: nil,
            audio: [(refId: nil, url: "https://example.com/a.wav")], text: nil, syncMode: .bounce, segments: nil,
            outputFileName: nil, activeSpeaker: .point(frame: 12, x: 141, y: 169), occlusionDetection: true)
        let options = try #require(try wire(request)["options"] as? [String: Any])
        #expect(Set(options.keys) == ["sync_mode", "active_speaker_detection", "occlusion_detection_enabled"])
        #expect(options["occlusion_detection_enabled"] as? Bool == true)
        let speaker = try #require(options["active_speaker_detection"] as? [String: Any])
        #expect(Set(speaker.keys) == ["frame_number", "coordinates"])
        #expect(speaker["frame_number"] as? Int == 12)
        #expect(speaker["coordinates"] as? [Int] == [141, 169])
        #expect(try JSONDecoder().decode(GenerateRequest.self, from: try request.jsonData(pretty: false)) == request)

        let auto = try wire(GenerateRequest.make(model: "lipsync-2", videoURL: "https://e.com/v.mp4", imageURL: nil, audio: [],
                                                 text: nil, syncMode: nil, segments: nil, outputFileName: nil, activeSpeaker: .auto))
        let autoOptions = try #require(auto["options"] as? [String: Any])
        #expect(Set(autoOptions.keys) == ["active_speaker_detection"])
        #expect((autoOptions["active_speaker_detection"] as? [String: Any])?["auto_detect"] as? Bool == true)
    }

    @Test func boundingBoxesKeepOneEntryPerFrameWithNulls() throws {
        let track: [[Int]?] = [[10, 20, 110, 120], nil, [12, 20, 112, 120]]
        let request = GenerateRequest.make(model: "lipsync-2", videoURL: "https://e.com/v.mp4", imageURL: nil, audio: [],
                                           text: nil, syncMode: nil, segments: nil, outputFileName: nil, activeSpeaker: .boxes(track))
        let text = try #require(String(data: try request.jsonData(pretty: false), encoding: .utf8))
        #expect(text.contains("\"bounding_boxes\":[[10,20,110,120],null,[12,20,112,120]]"), "\(text)")
        let decoded = try JSONDecoder().decode(GenerateRequest.self, from: Data(text.utf8))
        #expect(decoded.options?.activeSpeakerDetection?.boundingBoxes == track)
        #expect(decoded == request)
    }

    @Test func noOptionsObjectWhenNothingIsSet() throws {
        let body = try wire(GenerateRequest.make(model: "lipsync-2", videoURL: "https://e.com/v.mp4", imageURL: nil,
                                                 audio: [(refId: nil, url: "https://e.com/a.wav")], text: nil, syncMode: nil,
                                                 segments: nil, outputFileName: nil))
        #expect(body["options"] == nil)
        #expect(body["dubParams"] == nil)
    }

    @Test func languageCodes() {
        #expect(DubLanguage.known.count == 32)
        for code in ["es", "EN", "pt-BR", "zh-Hant-TW", "fil"] { #expect(DubLanguage.verdict(code) == .known, "\(code)") }
        for code in ["xx", "sw", "yue", "tl-PH"] { #expect(DubLanguage.verdict(code) == .unlisted, "\(code)") }
        for code in ["", "spanish", "es_ES", "e", "es-", "-es", "es-B@"] { #expect(DubLanguage.verdict(code) == .malformed, "\(code)") }
    }
}
