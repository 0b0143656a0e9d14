//! Shared pieces of the audio end-to-end tests: the binary in a
//! pseudo-terminal (`pty`), a private sound server that records what is
//! played (`pulse`: PulseAudio; `pipewire`: PipeWire's PulseAudio server),
//! and the analysis of the recording (`signal`).

// Each test file uses only some of these helpers.
#![allow(dead_code)]

pub mod pipewire;
pub mod pty;
pub mod pulse;
pub mod signal;
