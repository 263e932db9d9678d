import Foundation
import Testing
import TestMediaSupport

/// `check --speaker` (issue 11 item 6, request side): the chosen face goes into the emitted body's
/// `options.active_speaker_detection`, found by running dlib's detector over the real two-faces clip
/// (face_2 fills the left 320 px of testmedia/two_faces_side_by_side.mp4, face_3 the right).
@Suite struct SpeakerCLITests {
    static let twoFaces = TestMedia.path("two_faces_side_by_side.mp4")

    static func run(_ args: [String]) throws -> ProbeCLITests.Run { try ProbeCLITests.run(args) }

    /// Runs check with --emit-request and returns the report, the body's active_speaker_detection and options.
    static func emit(_ args: [String]) throws -> (report: [String: Any], speaker: [String: Any], options: [String: Any], stderr: String) {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("request.json")
        let r = try Self.run(["check", "--video", Self.twoFaces, "--audio", TestMedia.path("speech_48k.wav"),
                              "--emit-request", target.path, "--format", "json"] + args)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: target)) as? [String: Any])
        let options = try #require(body["options"] as? [String: Any])
        let speaker = try #require(options["active_speaker_detection"] as? [String: Any])
        return (try CheckCLITests.json(r), speaker, options, r.stderr)
    }

    /// The real frame count, from ffprobe's oracle for the fixture.
    static func ffprobeFrameCount() throws -> Int {
        let url = URL(fileURLWithPath: Self.twoFaces).deletingLastPathComponent()
            .appendingPathComponent("expected/two_faces_side_by_side.mp4.ffprobe.json")
        let probe = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let video = try #require((probe["streams"] as? [[String: Any]])?.first { $0["codec_type"] as? String == "video" })
        return try #require(Int(video["nb_frames"] as? String ?? ""))
    }

    @Test func leftAndRightPointsAreInsideTheRespectiveFaces() throws {
        for (choice, leftHalf) in [("left", true), ("right", false), ("1", true), ("2", false)] {
            let e = try Self.emit(["--speaker", choice])
            #expect(Set(e.speaker.keys) == ["frame_number", "coordinates"], "\(e.speaker)")
            let point = try #require(e.speaker["coordinates"] as? [Int])
            let frame = try #require(e.speaker["frame_number"] as? Int)
            #expect(point.count == 2 && (0..<50).contains(frame))
            #expect((point[0] < 320) == leftHalf, "--speaker \(choice): \(point)")
            // The report names the face box the point was taken from; the point is inside it.
            let chosen = try #require((e.report["requestBody"] as? [String: Any])?["speaker"] as? [String: Any])
            let box = try #require(chosen["box"] as? [String: Int])
            let (x, y, w, h) = (box["x"]!, box["y"]!, box["width"]!, box["height"]!)
            #expect(point[0] >= x && point[0] < x + w && point[1] >= y && point[1] < y + h, "\(point) outside \(box)")
            #expect(w >= 80 && h >= 80, "a face-sized box: \(box)")
            #expect(((x + w / 2) < 320) == leftHalf)
            #expect(chosen["facesSeen"] as? Int == 2 && chosen["frame"] as? Int == frame)
            #expect(e.stderr.contains("active speaker: "), "\(e.stderr)")
        }
    }

    @Test func speakerBoxesHaveOneEntryPerRealFrame() throws {
        let frames = try Self.ffprobeFrameCount()
        #expect(frames == 50)
        for (choice, leftHalf) in [("left", true), ("right", false), ("largest", false)] {
            let e = try Self.emit(["--speaker", choice, "--speaker-boxes"])
            #expect(Set(e.speaker.keys) == ["bounding_boxes"], "\(e.speaker.keys)")
            let track = try #require(e.speaker["bounding_boxes"] as? [Any])
            #expect(track.count == frames, "\(track.count) boxes for \(frames) frames")
            for (f, entry) in track.enumerated() {
                let b = try #require(entry as? [Int], "frame \(f): \(entry)")
                #expect(b.count == 4 && b[0] < b[2] && b[1] < b[3] && b[2] <= 640 && b[3] <= 320)
                #expect(((b[0] + b[2]) / 2 < 320) == leftHalf, "--speaker \(choice) frame \(f): \(b)")
            }
            let chosen = try #require((e.report["requestBody"] as? [String: Any])?["speaker"] as? [String: Any])
            #expect(chosen["frames"] as? Int == frames && chosen["framesWithoutFace"] as? Int == 0)
        }
    }

    @Test func anImageGetsAPointInFrameZero() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let still = dir.appendingPathComponent("two.png").path
        try FFmpegTool.generate(["-i", Self.twoFaces, "-frames:v", "1"], to: still)
        let target = dir.appendingPathComponent("request.json")
        let r = try Self.run(["check", "--image", still, "--audio", TestMedia.path("speech_48k.wav"), "--model", "sync-3",
                              "--speaker", "right", "--emit-request", target.path])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: target)) as? [String: Any])
        let speaker = try #require((body["options"] as? [String: Any])?["active_speaker_detection"] as? [String: Any])
        #expect(speaker["frame_number"] as? Int == 0)
        let point = try #require(speaker["coordinates"] as? [Int])
        #expect(point[0] >= 320 && point[0] < 640, "\(point)")
    }

    @Test func autoAndOcclusion() throws {
        let e = try Self.emit(["--speaker", "auto", "--occlusion-detection"])
        #expect(e.speaker as? [String: Bool] == ["auto_detect": true])
        #expect(e.options["occlusion_detection_enabled"] as? Bool == true)
        #expect(e.stderr.contains("active speaker: auto_detect"), "\(e.stderr)")
    }

    @Test func aFaceThatIsNotThereFailsTheBodyWithTheReason() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("request.json")
        let three = try Self.run(["check", "--video", Self.twoFaces, "--speaker", "3", "--emit-request", target.path])
        #expect(three.status == 4, "\(three.stderr)")
        #expect(three.stderr.contains("--speaker 3: at most 2 face(s) were seen in one sampled frame"), "\(three.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
        // testsrc2 has no face.
        let none = try Self.run(["check", "--video", TestMedia.path("h264_aac.mp4"), "--audio", TestMedia.path("speech_48k.wav"),
                                 "--speaker", "left", "--emit-request", target.path])
        #expect(none.status == 4)
        #expect(none.stderr.contains("no face was found"), "\(none.stderr)")
    }

    @Test func usageErrors() throws {
        for (args, says) in [(["--speaker", "middle"], "--speaker must be"), (["--speaker-boxes"], "--speaker-boxes goes with"),
                             (["--speaker", "auto", "--speaker-boxes"], "not auto"), (["--speaker", "0"], "--speaker must be")] {
            let r = try Self.run(["check", "--video", Self.twoFaces] + args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains(says), "\(args): \(r.stderr)")
        }
        let noVideo = try Self.run(["check", "--audio", TestMedia.path("speech_48k.wav"), "--speaker", "left"])
        #expect(noVideo.status == 64 && noVideo.stderr.contains("needs a --video (or --image)"), "\(noVideo.stderr)")
        for args in [["--speaker", "auto"], ["--speaker", "left", "--speaker-boxes"]] {
            let image = try Self.run(["check", "--image", TestMedia.path("still_320x240.png"), "--audio", TestMedia.path("speech_48k.wav"),
                                      "--model", "sync-3"] + args)
            #expect(image.status == 64 && image.stderr.contains("the API refuses auto_detect"), "\(args): \(image.stderr)")
        }
    }
}
