import Foundation
import Testing
@testable import Preflight
import TestMediaSupport

/// Speaker selection from real face boxes: dlib's detector run over two real people side by side
/// (testmedia/two_faces_side_by_side.mp4: face_2 left, face_3 right, 640x320, 50 frames).
@Suite(.serialized) struct SpeakerSelectionTests {
    static let twoFaces = TestMedia.path("two_faces_side_by_side.mp4")
    /// One scan for the suite: building the detector and decoding cost ~1 s in a debug build.
    static let scan: SpeakerFaces? = try? SpeakerFaces.scan(path: twoFaces, stride: 5)

    @Test func theScanSeesBothPeopleOnEveryFrameItSamples() throws {
        let s = try #require(Self.scan)
        #expect(s.frameCount == 50)
        #expect(s.width == 640 && s.height == 320)
        #expect(s.samples.map(\.frame) == Array(stride(from: 0, to: 50, by: 5)))
        for sample in s.samples {
            #expect(sample.boxes.count == 2, "frame \(sample.frame): \(sample.boxes)")
            #expect(sample.boxes.contains { $0.centerX < 320 } && sample.boxes.contains { $0.centerX >= 320 })
        }
    }

    /// The detected box of frame `frame` that contains the point, if any.
    func box(containing point: [Int], frame: Int, in s: SpeakerFaces) -> FaceSample.Box? {
        s.samples.first { $0.frame == frame }?.boxes.first { $0.contains(x: point[0], y: point[1]) }
    }

    @Test func leftAndRightPointsFallInsideTheRespectiveFaces() throws {
        let s = try #require(Self.scan)
        for (choice, leftHalf) in [(SpeakerChoice.left, true), (.right, false), (.number(1), true), (.number(2), false)] {
            let (value, outcome) = try SpeakerSelection.point(s.samples, choice: choice)
            let frame = try #require(value.frameNumber)
            let point = try #require(value.coordinates)
            #expect(point.count == 2 && value.boundingBoxes == nil && value.autoDetect == nil)
            let hit = try #require(box(containing: point, frame: frame, in: s), "\(choice): \(point) is in no face of frame \(frame)")
            // face_2 fills the left 320 px of the frame, face_3 the right.
            #expect((hit.centerX < 320) == leftHalf, "\(choice): \(point) in \(hit)")
            #expect((point[0] < 320) == leftHalf)
            #expect(outcome.facesSeen == 2 && outcome.box == hit)
        }
        let left = try SpeakerSelection.point(s.samples, choice: .left).value
        #expect(left == (try SpeakerSelection.point(s.samples, choice: .number(1)).value))
        #expect(left != (try SpeakerSelection.point(s.samples, choice: .right).value))
    }

    @Test func largestPicksTheBiggestBoxAndAutoNeedsNoFaces() throws {
        let s = try #require(Self.scan)
        let (value, outcome) = try SpeakerSelection.point(s.samples, choice: .largest)
        let chosen = try #require(outcome.box)
        let biggest = s.samples.flatMap(\.boxes).map(\.area).max()
        #expect(chosen.area == biggest)
        #expect(box(containing: try #require(value.coordinates), frame: try #require(value.frameNumber), in: s) == chosen)
        #expect(try SpeakerSelection.point([], choice: .auto).value == .auto)
    }

    @Test func impossibleChoicesSayWhy() throws {
        let s = try #require(Self.scan)
        #expect(throws: SpeakerSelection.Failure.self) { try SpeakerSelection.point(s.samples, choice: .number(3)) }
        let faceless = s.samples.map { FaceSample(frame: $0.frame, time: $0.time, boxes: []) }
        do {
            _ = try SpeakerSelection.point(faceless, choice: .left)
            Issue.record("no face, yet a point was chosen")
        } catch {
            #expect(error.message.contains("no face was found in the 10 sampled frame(s)"), "\(error.message)")
        }
        #expect(throws: SpeakerSelection.Failure.self) {
            try SpeakerSelection.track(s.samples, choice: .auto, frameCount: 50, frameWidth: 640, frameHeight: 320, hold: 5)
        }
    }

    @Test func tracksHaveOneBoxPerRealFrameOnTheChosenSide() throws {
        let s = try #require(Self.scan)
        for (choice, leftHalf) in [(SpeakerChoice.left, true), (.right, false)] {
            let (value, outcome) = try SpeakerSelection.track(s.samples, choice: choice, frameCount: s.frameCount,
                                                              frameWidth: s.width, frameHeight: s.height, hold: s.stride)
            let track = try #require(value.boundingBoxes)
            #expect(track.count == 50, "one entry per frame of the 50-frame video")
            #expect(value.frameNumber == nil && value.coordinates == nil)
            #expect(outcome.frames == 50 && outcome.framesWithoutFace == 0)
            for (f, entry) in track.enumerated() {
                let b = try #require(entry, "frame \(f) has no box")
                #expect(b.count == 4 && b[0] < b[2] && b[1] < b[3] && b[2] <= 640 && b[3] <= 320)
                #expect(((b[0] + b[2]) / 2 < 320) == leftHalf, "\(choice) frame \(f): \(b)")
                // The box is the one detected at the nearest sampled frame.
                let sample = s.samples.min { abs($0.frame - f) < abs($1.frame - f) }!
                #expect(sample.boxes.contains { $0.corners(frameWidth: 640, frameHeight: 320) == b })
            }
        }
    }

    @Test func aFaceNotSeenGetsNullsAndTheTrackDoesNotJumpToTheOtherFace() throws {
        let s = try #require(Self.scan)
        // The right person leaves frames 20-35: keep only the left face there (real boxes, one removed).
        let hidden = s.samples.map { sample in
            (20...35).contains(sample.frame) ? FaceSample(frame: sample.frame, time: sample.time, boxes: sample.boxes.filter { $0.centerX < 320 }) : sample
        }
        let right = try SpeakerSelection.track(hidden, choice: .right, frameCount: 50, frameWidth: 640, frameHeight: 320, hold: 5)
        let track = try #require(right.value.boundingBoxes)
        #expect(track.count == 50)
        let nulls = track.indices.filter { track[$0] == nil }
        #expect(nulls == Array(18...37), "frames nearest the samples 20-35 have no right face: \(nulls)")
        #expect(right.outcome.framesWithoutFace == 20)
        for b in track.compactMap({ $0 }) { #expect((b[0] + b[2]) / 2 >= 320) }
        // The left face stays tracked through those frames though it is then the only face.
        let left = try #require(try SpeakerSelection.track(hidden, choice: .left, frameCount: 50, frameWidth: 640, frameHeight: 320, hold: 5).value.boundingBoxes)
        #expect(left.allSatisfy { $0 != nil })
    }

    @Test func strideFollowsTheFrameRateAndCapsTheSamples() {
        #expect(SpeakerFaces.stride(frameRate: 25, duration: 2) == 5)
        #expect(SpeakerFaces.stride(frameRate: 30, duration: 300) == 60)   // 9000 frames → at most 150 samples
        #expect(SpeakerFaces.stride(frameRate: nil, duration: nil) == 5)
    }
}
