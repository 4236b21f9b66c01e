//! `section!`: declares a config section struct together with its Centrifugo default values.
//!
//! Every section derives `Debug, Clone, PartialEq, Serialize, Deserialize`, uses `#[serde(default)]`
//! (missing keys keep their defaults) and gets a `Default` impl built from the `= value` given
//! beside each field, so a key, its type and its v6 default sit on one line.

macro_rules! section {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty = $default:expr
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
        }

        impl Default for $name {
            fn default() -> Self {
                Self {
                    $( $field: $default, )*
                }
            }
        }
    };
}
