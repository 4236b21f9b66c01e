//! Unit tests for token verification and signing.
