//! Unit tests of `check`: the whole path from text to routine.
use super::*;
