//! Configuration: raw Centrifugo v6 keys -> validated `Config`.
