//! What only the audio end-to-end tests need: a private sound server that
//! records what is played (`pulse`), and the analysis of the recording
//! (`signal`). The program itself runs in the shared pseudo-terminal
//! harness (`tests/common`).

pub mod pulse;
pub mod signal;
