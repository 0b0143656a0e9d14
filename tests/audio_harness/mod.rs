//! What only the audio end-to-end tests need: private sound servers that
//! record what is played (`pulse`: PulseAudio; `pipewire`: PipeWire's
//! PulseAudio server), and the analysis of the recording (`signal`). The
//! program itself runs in the shared pseudo-terminal harness
//! (`tests/common`).

// Each test file uses only some of these helpers.
#![allow(dead_code)]

pub mod pipewire;
pub mod pulse;
pub mod signal;
