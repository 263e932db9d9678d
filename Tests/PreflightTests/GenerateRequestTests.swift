import Foundation
import Testing
@testable import Preflight

/// The `/v2/generate` body: exact wire names and shapes, nil fields absent, G-NAME-01.
@Suite struct GenerateRequestTests {
    /// Encodes and parses back with JSONSerialization, so the assertions see the raw wire keys.
    func wire(_ request: GenerateRequest, pretty: Bool = false) throws -> [String: Any] {
        let data = try request.jsonData(pretty: pretty)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func videoPlusAudio() throws {
        let request = GenerateRequest.make(
            model: "lipsync-2", videoURL: "https://example.com/clip.mp4", imageURL: nil,
            audio: [(refId: nil, url: "https://example.com/dub.wav")], text: nil,
            syncMode: .cutOff, segments: nil, outputFileName: "clip_es")
        let body = try wire(request)

        #expect(Set(body.keys) == ["model", "input", "options", "outputFileName"])
        #expect(body["model"] as? String == "lipsync-2")
        #expect(body["outputFileName"] as? String == "clip_es")

        let options = try #require(body["options"] as? [String: Any])
        #expect(Set(options.keys) == ["sync_mode"])
        #expect(options["sync_mode"] as? String == "cut_off")

        let input = try #require(body["input"] as? [[String: Any]])
        #expect(input.count == 2)
        #expect(Set(input[0].keys) == ["type", "url"])
        #expect(input[0]["type"] as? String == "video")
        #expect(input[0]["url"] as? String == "https://example.com/clip.mp4")
        #expect(Set(input[1].keys) == ["type", "url"])  // no refId when none was given
        #expect(input[1]["type"] as? String == "audio")
        #expect(input[1]["url"] as? String == "https://example.com/dub.wav")

        // Slashes are not escaped, keys are sorted.
        let text = try #require(String(data: try request.jsonData(pretty: false), encoding: .utf8))
        #expect(text.contains("https://example.com/clip.mp4"))
        #expect(text.hasPrefix("{\"input\":"))
    }

    @Test func nilFieldsAreAbsent() throws {
        let request = GenerateRequest.make(
            model: "lipsync-2", videoURL: "v.mp4", imageURL: nil,
            audio: [(refId: nil, url: "a.wav")], text: nil,
            syncMode: nil, segments: [], outputFileName: nil)
        let body = try wire(request, pretty: true)
        #expect(Set(body.keys) == ["model", "input"])
        for key in ["options", "segments", "outputFileName", "webhookUrl"] {
            #expect(body[key] == nil, "\(key) should be omitted")
        }
    }

    @Test func twoSegments() throws {
        let segments = [
            GenerateRequest.Segment(startTime: 0, endTime: 4.5, audioInput: .init(refId: "a1")),
            GenerateRequest.Segment(startTime: 4.5, endTime: 9.25, audioInput: .init(refId: "a2", startTime: 1, endTime: 5.75)),
        ]
        let request = GenerateRequest.make(
            model: "lipsync-2-pro", videoURL: "https://example.com/clip.mp4", imageURL: nil,
            audio: [(refId: "a1", url: "https://example.com/one.wav"), (refId: "a2", url: "https://example.com/two.wav")],
            text: nil, syncMode: .bounce, segments: segments, outputFileName: nil,
            webhookURL: "https://example.com/hook")
        let body = try wire(request)

        #expect(Set(body.keys) == ["model", "input", "options", "segments", "webhookUrl"])
        #expect(body["webhookUrl"] as? String == "https://example.com/hook")
        #expect((body["options"] as? [String: Any])?["sync_mode"] as? String == "bounce")

        let input = try #require(body["input"] as? [[String: Any]])
        #expect(input.map { $0["type"] as? String } == ["video", "audio", "audio"])
        #expect(input[0]["refId"] == nil)
        #expect(input[1]["refId"] as? String == "a1")
        #expect(input[2]["refId"] as? String == "a2")
        #expect(input[2]["url"] as? String == "https://example.com/two.wav")

        let wireSegments = try #require(body["segments"] as? [[String: Any]])
        #expect(wireSegments.count == 2)
        #expect(Set(wireSegments[0].keys) == ["startTime", "endTime", "audioInput"])
        #expect(wireSegments[0]["startTime"] as? Double == 0)
        #expect(wireSegments[0]["endTime"] as? Double == 4.5)
        let audio0 = try #require(wireSegments[0]["audioInput"] as? [String: Any])
        #expect(Set(audio0.keys) == ["refId"])  // no crop keys when not cropped
        #expect(audio0["refId"] as? String == "a1")

        #expect(wireSegments[1]["startTime"] as? Double == 4.5)
        #expect(wireSegments[1]["endTime"] as? Double == 9.25)
        let audio1 = try #require(wireSegments[1]["audioInput"] as? [String: Any])
        #expect(Set(audio1.keys) == ["refId", "startTime", "endTime"])
        #expect(audio1["refId"] as? String == "a2")
        #expect(audio1["startTime"] as? Double == 1)
        #expect(audio1["endTime"] as? Double == 5.75)
    }

    @Test func textAndImageInputs() throws {
        let request = GenerateRequest.make(
            model: "sync-3", videoURL: nil, imageURL: "https://example.com/face.png",
            audio: [], text: (voiceId: "voice-123", script: "Hello there"),
            syncMode: nil, segments: nil, outputFileName: nil, textRefId: "t1")
        let input = try #require(try wire(request)["input"] as? [[String: Any]])
        #expect(input.count == 2)
        #expect(input[0]["type"] as? String == "image")
        #expect(input[0]["url"] as? String == "https://example.com/face.png")
        #expect(Set(input[1].keys) == ["type", "provider", "refId"])
        #expect(input[1]["type"] as? String == "text")
        #expect(input[1]["refId"] as? String == "t1")
        let provider = try #require(input[1]["provider"] as? [String: Any])
        #expect(Set(provider.keys) == ["name", "voiceId", "script"])
        #expect(provider["name"] as? String == "elevenlabs")
        #expect(provider["voiceId"] as? String == "voice-123")
        #expect(provider["script"] as? String == "Hello there")
    }

    @Test func roundTripsThroughCodable() throws {
        let request = GenerateRequest.make(
            model: "lipsync-2", videoURL: "v", imageURL: nil, audio: [(refId: "a", url: "u")],
            text: nil, syncMode: .loop,
            segments: [.init(startTime: 1, endTime: 2, audioInput: .init(refId: "a"))],
            outputFileName: "out")
        let decoded = try JSONDecoder().decode(GenerateRequest.self, from: try request.jsonData(pretty: true))
        #expect(decoded == request)
    }

    @Test func frameSegmentsUseFrameKeys() throws {
        let segment = GenerateRequest.Segment(startFrame: 10, endFrame: 50, audioInput: .init(refId: "a"))
        let data = try JSONEncoder().encode(segment)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["startFrame", "endFrame", "audioInput"])
        #expect(object["startFrame"] as? Int == 10)
    }

    @Test func outputFileNameValid() {
        #expect(GenerateRequest.validateOutputFileName("clip_es-01") == nil)
        #expect(GenerateRequest.validateOutputFileName("A") == nil)
        #expect(GenerateRequest.validateOutputFileName(String(repeating: "a", count: 255)) == nil)
    }

    @Test func outputFileNameEmpty() throws {
        let reason = try #require(GenerateRequest.validateOutputFileName(""))
        #expect(reason.contains("empty"))
    }

    @Test func outputFileNameTooLong() throws {
        let reason = try #require(GenerateRequest.validateOutputFileName(String(repeating: "a", count: 256)))
        #expect(reason.contains("256"))
        #expect(reason.contains("255"))
        #expect(!reason.contains("\n"))
    }

    @Test func outputFileNameBadCharacters() throws {
        let spaced = try #require(GenerateRequest.validateOutputFileName("my clip/es"))
        #expect(spaced.contains("space"))
        #expect(spaced.contains("'/'"))
        #expect(GenerateRequest.validateOutputFileName("café") != nil)   // ASCII letters only
        #expect(GenerateRequest.validateOutputFileName("a\nb") != nil)
        let withExtension = try #require(GenerateRequest.validateOutputFileName("clip.mp4"))
        #expect(withExtension.contains(".mp4"))
    }
}
