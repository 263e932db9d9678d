#include "face_detect.h"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/serialize.h>

#include <cstring>
#include <exception>
#include <sstream>
#include <string>

struct pf_face_detector { dlib::frontal_face_detector detector; };
struct pf_shape_model { dlib::shape_predictor predictor; };

namespace {
// dlib's frontal detector in dlib's own serialization, compiled in uncompressed (C23 #embed, a clang extension in
// C++; scripts/models/dlib_frontal_faces.sh writes it): dlib's header ships it compressed, and decompressing is
// ~0.45 s of CPU per `get_frontal_face_detector()`, deserializing these bytes ~8 ms.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
const char kFrontalFaces[] = {
#embed "frontal_face_detector.dat"
};
#pragma clang diagnostic pop

dlib::frontal_face_detector frontal_face_detector() {
    try {
        std::istringstream in(std::string(kFrontalFaces, sizeof kFrontalFaces));
        dlib::frontal_face_detector d;
        dlib::deserialize(d, in);
        return d;
    } catch (...) {
        return dlib::get_frontal_face_detector();   // a damaged copy: dlib's own, the slow way
    }
}

// dlib works on its own image types: copy the grey plane in (cheap against detection, ~90 ns/pixel).
dlib::array2d<unsigned char> copy_plane(const uint8_t *gray, int width, int height, ptrdiff_t stride) {
    dlib::array2d<unsigned char> img(height, width);
    for (int y = 0; y < height; y++) std::memcpy(&img[y][0], gray + y * stride, (size_t)width);
    return img;
}
}

extern "C" pf_face_detector *pf_face_detector_new(void) {
    try { return new pf_face_detector{frontal_face_detector()}; } catch (...) { return nullptr; }
}

extern "C" int pf_face_detector_matches_dlib(void) {
    try {
        return dlib::get_serialized_frontal_faces() == std::string(kFrontalFaces, sizeof kFrontalFaces) ? 1 : 0;
    } catch (...) {
        return -1;
    }
}

extern "C" void pf_face_detector_free(pf_face_detector *detector) { delete detector; }

extern "C" pf_face_detector *pf_face_detector_clone(const pf_face_detector *detector) {
    if (!detector) return nullptr;
    try { return new pf_face_detector{detector->detector}; } catch (...) { return nullptr; }
}

extern "C" int pf_face_detect(pf_face_detector *detector, const uint8_t *gray, int width, int height, ptrdiff_t stride,
                              int upsample, double threshold, pf_face_box *boxes, int capacity) {
    if (!detector || !gray || width <= 0 || height <= 0 || stride < width) return -1;
    try {
        auto img = copy_plane(gray, width, height, stride);
        for (int i = 0; i < upsample; i++) dlib::pyramid_up(img);
        std::vector<dlib::rect_detection> found;
        detector->detector(img, found, threshold);
        double scale = 1 << upsample;
        int n = 0;
        for (auto &d : found) {
            if (n < capacity) {
                boxes[n] = pf_face_box{int32_t(d.rect.left() / scale), int32_t(d.rect.top() / scale),
                                       int32_t(d.rect.right() / scale), int32_t(d.rect.bottom() / scale), d.detection_confidence};
            }
            n++;
        }
        return n;
    } catch (...) {
        return -1;
    }
}

extern "C" pf_shape_model *pf_shape_model_load(const char *path, char *error, size_t error_size) {
    try {
        auto *model = new pf_shape_model;
        try { dlib::deserialize(path) >> model->predictor; } catch (...) { delete model; throw; }
        return model;
    } catch (const std::exception &e) {
        if (error && error_size) { std::strncpy(error, e.what(), error_size - 1); error[error_size - 1] = 0; }
        return nullptr;
    } catch (...) {
        if (error && error_size) { std::strncpy(error, "unknown error", error_size - 1); error[error_size - 1] = 0; }
        return nullptr;
    }
}

extern "C" void pf_shape_model_free(pf_shape_model *model) { delete model; }

extern "C" int pf_shape_landmarks(const pf_shape_model *model, const uint8_t *gray, int width, int height, ptrdiff_t stride,
                                  pf_face_box box, float *points) {
    if (!model || !gray || !points || width <= 0 || height <= 0 || stride < width) return -1;
    try {
        auto img = copy_plane(gray, width, height, stride);
        auto shape = model->predictor(img, dlib::rectangle(box.left, box.top, box.right, box.bottom));
        for (unsigned long i = 0; i < shape.num_parts() && i < 68; i++) {
            points[2 * i] = float(shape.part(i).x());
            points[2 * i + 1] = float(shape.part(i).y());
        }
        return shape.num_parts() == 68 ? 0 : -1;
    } catch (...) {
        return -1;
    }
}
