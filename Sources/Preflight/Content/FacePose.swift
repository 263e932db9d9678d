import Foundation
import MediaIO

/// Head turn read from dlib's 68 landmarks: where the nose tip (30) sits between the jaw's ends (0, 16).
/// Frontal puts it midway; a turn of θ moves it by about sin θ of the half-width. Only faces dlib's
/// frontal detector found get here, so full profiles (which it does not find) are never measured.
/// Measured against hand labels (docs/CONTENT.md): unbiased to about 50°, saturating near 50° beyond it;
/// the nose against the eye corners, or against the jaw ends along the eye line, did no better there.
enum FacePose {
    static func yawDegrees(_ l: FaceLandmarks) -> Double? {
        guard l.points.count == 68 else { return nil }
        let left = Double(l.points[0].x), right = Double(l.points[16].x), nose = Double(l.points[30].x)
        let span = right - left
        guard span > 4 else { return nil }
        let r = (nose - left) / span
        return asin(min(1, max(-1, 2 * r - 1))) * 180 / .pi
    }
}
