#include "speech_model.h"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include <cstring>
#include <string>
#include <vector>

namespace {

// The ONNX graph, compiled in (C23 #embed, a clang extension in C++).
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
const unsigned char kModel[] = {
#embed "silero_vad_16k_opencv.onnx"
};
#pragma clang diagnostic pop

constexpr int kContext = 64;   // samples of the previous chunk the model sees (silero-vad's 16 kHz wrapper)
constexpr int kPad = 64;       // reflect padding on the right, done here (OpenCV 4.6 pads only 4-D tensors)
constexpr int kFrame = kContext + PF_SPEECH_MODEL_CHUNK + kPad;   // 640
constexpr int kState = 128;

void copy_error(const char *message, char *error, size_t error_size) {
    if (error && error_size > 0) {
        std::strncpy(error, message, error_size - 1);
        error[error_size - 1] = 0;
    }
}

}  // namespace

struct pf_speech_model {
    cv::dnn::Net net;
    std::vector<cv::String> outputs{"output", "h_n", "c_n"};
    float context[kContext] = {};
    cv::Mat frame, h, c;
};

extern "C" pf_speech_model *pf_speech_model_new(char *error, size_t error_size) {
    try {
        auto *m = new pf_speech_model();
        // One chunk is a tiny tensor: OpenCV's thread pool costs more than it saves (and competes with the
        // decoder and the face detectors for the same cores).
        cv::setNumThreads(1);
        m->net = cv::dnn::readNetFromONNX(reinterpret_cast<const char *>(kModel), sizeof(kModel));
        m->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        m->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        int frameShape[] = {1, 1, kFrame};
        m->frame = cv::Mat(3, frameShape, CV_32F, cv::Scalar(0));
        m->h = cv::Mat(1, kState, CV_32F, cv::Scalar(0));
        m->c = cv::Mat(1, kState, CV_32F, cv::Scalar(0));
        return m;
    } catch (const std::exception &e) {
        copy_error(e.what(), error, error_size);
    } catch (...) {
        copy_error("unknown error loading the speech model", error, error_size);
    }
    return nullptr;
}

extern "C" void pf_speech_model_free(pf_speech_model *model) { delete model; }

extern "C" int pf_speech_model_process(pf_speech_model *model, const float *samples, float *probability) {
    if (!model || !samples || !probability) return -1;
    try {
        float *f = model->frame.ptr<float>();
        std::memcpy(f, model->context, sizeof(model->context));
        std::memcpy(f + kContext, samples, PF_SPEECH_MODEL_CHUNK * sizeof(float));
        // Reflect padding: f[n + k] = f[n - 2 - k] for the 576 real samples n.
        const int n = kContext + PF_SPEECH_MODEL_CHUNK;
        for (int k = 0; k < kPad; ++k) f[n + k] = f[n - 2 - k];
        std::memcpy(model->context, samples + PF_SPEECH_MODEL_CHUNK - kContext, sizeof(model->context));
        model->net.setInput(model->frame, "frame");
        model->net.setInput(model->h, "h");
        model->net.setInput(model->c, "c");
        std::vector<cv::Mat> out;
        model->net.forward(out, model->outputs);
        if (out.size() != 3 || out[0].total() < 1 || out[1].total() != kState || out[2].total() != kState) return -1;
        *probability = out[0].ptr<float>()[0];
        out[1].reshape(1, 1).copyTo(model->h);
        out[2].reshape(1, 1).copyTo(model->c);
        return 0;
    } catch (...) {
        return -1;
    }
}
