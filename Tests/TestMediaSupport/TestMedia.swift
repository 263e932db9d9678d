import Foundation

/// The committed fixtures in testmedia/ and what `generate.sh` recorded about them.
public enum TestMedia {
    public static let directory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("testmedia")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("fixtures.json").path) { return candidate }
        }
        fatalError("testmedia/fixtures.json not found above \(#filePath)")
    }()

    public static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// One entry of testmedia/fixtures.json: facts from how the file was generated, not from any prober.
    public struct Fixture: Decodable, Sendable, CustomStringConvertible {
        public var file: String
        public var readable: Bool
        public var exercises: String
        public var trueDuration: Double?
        public var headerDurationWrong: Bool
        public var expectedError: String?
        public var path: String { TestMedia.path(file) }
        public var description: String { file }
    }

    public static let fixtures: [Fixture] = {
        let data = try! Data(contentsOf: directory.appendingPathComponent("fixtures.json"))
        return try! JSONDecoder().decode([Fixture].self, from: data)
    }()

    /// Fixtures that open as media and hold no deliberate defect.
    public static var clean: [Fixture] { fixtures.filter { $0.readable && $0.expectedError == nil } }

    /// ffprobe 5.1's `-show_format -show_streams -show_error` JSON, saved by generate.sh.
    public static func ffprobe(_ file: String) -> FFprobeOutput {
        let url = directory.appendingPathComponent("expected").appendingPathComponent(file + ".ffprobe.json")
        let data = try! Data(contentsOf: url)
        return try! JSONDecoder().decode(FFprobeOutput.self, from: data)
    }
}

/// The subset of ffprobe's JSON that preflight must agree with.
public struct FFprobeOutput: Decodable, Sendable {
    public struct Format: Decodable, Sendable {
        public var format_name: String
        public var duration: String?
        public var nb_streams: Int
    }
    public struct SideData: Decodable, Sendable {
        public var side_data_type: String?
        public var rotation: Double?
    }
    public struct Disposition: Decodable, Sendable { public var attached_pic: Int? }
    public struct Stream: Decodable, Sendable {
        public var index: Int
        public var codec_name: String?
        public var codec_type: String?
        public var width: Int?
        public var height: Int?
        public var pix_fmt: String?
        public var sample_rate: String?
        public var channels: Int?
        public var r_frame_rate: String?
        public var avg_frame_rate: String?
        public var duration: String?
        public var side_data_list: [SideData]?
        public var disposition: Disposition?

        public var rotation: Double? { side_data_list?.first(where: { $0.rotation != nil })?.rotation }
    }
    public var format: Format?
    public var streams: [Stream]?
}
