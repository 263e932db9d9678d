# The two commands a fresh Debian 12 machine needs:
#   make run    installs what is missing, builds, and runs preflight on the bundled testmedia/
#   make test   installs what is missing, runs the test suite, builds and runs Examples/ (a consumer of the
#               library), builds the DocC documentation (warnings are errors) and a 30 s fuzzing smoke run
.PHONY: deps build run test asan fuzz bench

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build -c release --static-swift-stdlib

run: build
	@echo "== preflight check: a real talking head with real speech (faces, speech, sync_mode advice) =="
	-.build/release/preflight check --video testmedia/face_talk.mp4 --audio testmedia/speech_real.flac
	@echo
	@echo "== preflight check: a test card (no face) under 8 s of sound (F-FACE warnings, bounce advice) =="
	-.build/release/preflight check --video testmedia/h264_aac.mp4 --audio testmedia/speech_8s.flac --plan free
	@echo
	@echo "== preflight probe: the pair =="
	.build/release/preflight probe testmedia/h264_aac.mp4 testmedia/speech_48k.wav
	@echo
	@echo "== preflight probe --exact over every fixture (bad ones on purpose: exit 3 is expected) =="
	-.build/release/preflight probe --exact testmedia/*.mp4 testmedia/*.mov testmedia/*.webm testmedia/*.avi \
	  testmedia/*.mkv testmedia/*.wav testmedia/*.mp3 testmedia/*.flac testmedia/*.ogg testmedia/*.opus \
	  testmedia/*.m4a testmedia/*.aac testmedia/*.wma testmedia/*.ts testmedia/*.y4m

test: deps
	swift test
	bash scripts/example.sh
	bash scripts/docs.sh
	bash scripts/fuzz.sh --smoke

asan: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=0 swift test --sanitize=address --scratch-path .build-asan

FUZZ_SECONDS ?= 900
fuzz: deps
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

bench: deps
	bash bench/run.sh
