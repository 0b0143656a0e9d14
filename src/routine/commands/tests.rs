//! Tests of `list`, `show` and `check` against a temporary user folder.
use super::*;
