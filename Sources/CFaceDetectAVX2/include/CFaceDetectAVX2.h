// CFaceDetectAVX2 is built into libPreflightContentAVX2.so only; its functions are declared in CContentLibrary/
// include/face_detect.h and reached through pf_content_library_open(). SwiftPM wants a public header directory.
