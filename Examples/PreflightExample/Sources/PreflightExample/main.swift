// probe → check (a custom rule in a custom profile) → prepare (cancelled once, then to the end) → verify,
// all through the library's async entry points. Exits 0 only when each step did what it should; prints
// what it saw. Usage: PreflightExample VIDEO AUDIO WORKDIR
import Foundation
import Preflight

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("PreflightExample: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 4 else { fail("usage: PreflightExample VIDEO AUDIO WORKDIR") }
let (video, audio, work) = (arguments[1], arguments[2], arguments[3])

// 1. Probe.
let media: MediaInfo
switch try await MediaProbe.outcome(path: video) {
case .media(let m): media = m
case .failure(let f): fail("probe: \(f.path): \(f.message)")
}
print("probe: \(media.container.family), \(media.summary.videoStreams) video and \(media.summary.audioStreams) audio stream(s), "
      + "\(media.duration.map { String(format: "%.2f s", $0.seconds) } ?? "no duration")")

// 2. A team rule: the API's output keeps the input's name, so names must not hold spaces.
let noSpaces = RuleDefinition(Rule("TEAM-NAME-01", "No spaces in file names", .warning, .video,
                                   check: "the video's file name holds no space", fix: "rename the file",
                                   sources: [], confidence: "D")) { context in
    guard let v = context.video, URL(fileURLWithPath: v.path).lastPathComponent.contains(" ") else { return [] }
    return [RuleHit("\(v.path) has a space in its name")]
}
// Unit-tested without a file: a MediaInfo built from public initialisers.
let fake = MediaInfo(path: "/media/my take.mp4", sizeBytes: 1000,
                     container: ContainerInfo(formatName: "mov,mp4,m4a,3gp,3g2,mj2", formatLongName: "QuickTime / MOV",
                                              family: "mp4", mimeType: "video/mp4", fileExtension: "mp4"))
let team = Profile(name: "team", summary: "the Sync contract plus our naming rule",
                   definitions: Profile.sync.definitions + [noSpaces], thresholds: Profile.sync.thresholds, usesSyncModes: true)
let hits = try noSpaces.hits(in: RuleContext(video: fake, thresholds: team.thresholds))
guard hits.count == 1 else { fail("the custom rule missed a name with a space: \(hits)") }

// 3. Check the pair with the custom profile.
let check = try await MediaCheck.run(CheckRequest(videoPath: video, audio: [.init(path: audio)], syncMode: .cutOff), profile: team)
guard check.evaluations.contains(where: { $0.ruleID == "TEAM-NAME-01" }) else { fail("check did not evaluate TEAM-NAME-01") }
print("check: \(check.verdict.rawValue), \(check.findings.count) finding(s); TEAM-NAME-01 evaluated")

// 4. Prepare: cancelled as soon as it reports progress (no file left), then run to the end with its progress.
var options = PrepareOptions()
options.channels = .mono
let output = URL(fileURLWithPath: work).appendingPathComponent("prepared.wav").path
try? FileManager.default.removeItem(atPath: output)
let (cancelledProgress, cancelledContinuation) = AsyncStream.makeStream(of: PrepareProgress.self)
let cancelled = Task { try await AudioPreparer.run(input: audio, output: output, options: options, progress: cancelledContinuation) }
for await _ in cancelledProgress { cancelled.cancel(); break }
do {
    _ = try await cancelled.value
    print("prepare: finished before the cancellation reached it (a very short input)")
} catch is CancellationError {
    let left = try FileManager.default.contentsOfDirectory(atPath: work).filter { $0.contains("prepared") }
    guard left.isEmpty else { fail("a cancelled prepare left \(left)") }
    print("prepare: cancelled, nothing left in \(work)")
}
try? FileManager.default.removeItem(atPath: output)
let (progress, continuation) = AsyncStream.makeStream(of: PrepareProgress.self)
let running = Task { try await AudioPreparer.run(input: audio, output: output, options: options, progress: continuation) }
var phases: [String] = []
for await p in progress where phases.last != p.phase { phases.append(p.phase) }
let prepared = try await running.value
guard let loudness = prepared.outputLoudness?.integratedLUFS else { fail("prepare measured no loudness") }
print("prepare: \(phases.joined(separator: " → ")); \(prepared.output ?? "?") at \(String(format: "%.1f", loudness)) LUFS")

// 5. Verify the video against the prepared audio (the video stands in for the API's output here).
let verify = try await OutputVerifier.run(VerifyRequest(outputPath: video, videoPath: video, audioPath: output, syncMode: .cutOff,
                                                        quick: true))
print("verify: \(verify.verdict.rawValue), \(verify.findings.count) finding(s)")
