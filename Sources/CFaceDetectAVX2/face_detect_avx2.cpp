// CFaceDetect's source, compiled by this target with -mavx2 -mfma (Package.swift): one source, two builds.
#include "../CFaceDetect/face_detect.cpp"
