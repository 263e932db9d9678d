#!/usr/bin/env bash
# Writes Sources/CFaceDetect/frontal_face_detector.dat: dlib's HOG frontal face detector in dlib's own
# serialization, as `dlib::get_serialized_frontal_faces()` gives it (155 kB). dlib ships it compressed in a
# header, and decompressing it is what makes `get_frontal_face_detector()` cost ~0.45 s of CPU; compiled in
# uncompressed (#embed), the detector deserializes in ~8 ms. Rerun after a dlib upgrade: a test
# (FaceDetectorBuildTests) fails while the file differs from the installed dlib's.
#
#   bash scripts/models/dlib_frontal_faces.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/dump.cpp" <<'CPP'
#include <dlib/image_processing/frontal_face_detector.h>
#include <iostream>
int main() { std::cout << dlib::get_serialized_frontal_faces(); }
CPP
g++ -O2 -o "$tmp/dump" "$tmp/dump.cpp" -ldlib -l:libblas.so.3 -l:liblapack.so.3
"$tmp/dump" >Sources/CFaceDetect/frontal_face_detector.dat
ls -l Sources/CFaceDetect/frontal_face_detector.dat
