//! Connection and subscription JWT verification and signing.
