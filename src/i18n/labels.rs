//! Tables of fixed labels read from the catalogue once per language and kept for the life of
//! the program, so that whoever draws or writes them borrows `&'static str` as from constants.

/// A struct of labels, one `&'static str` per field, read from messages `<prefix>-<field>`
/// (underscores as dashes). `T::of(lang)` gives the table, loaded on first use; `T::IDS` lists
/// the message ids, for the test that every one exists.
macro_rules! labels {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, [$($field:ident),* $(,)?]) => {
        $(#[$doc])*
        pub struct $name {
            $(pub $field: &'static str,)*
        }

        impl $name {
            /// The catalogue ids of the fields, in order.
            pub const IDS: &[&str] = &[$(concat!($prefix, "-", stringify!($field))),*];

            /// The table in `lang`, read from the catalogue on first use.
            pub fn of(lang: $crate::domain::lang::Lang) -> &'static Self {
                static CELLS: [::std::sync::OnceLock<$name>; 2] =
                    [::std::sync::OnceLock::new(), ::std::sync::OnceLock::new()];
                let cell = match lang {
                    $crate::domain::lang::Lang::Zh => &CELLS[0],
                    $crate::domain::lang::Lang::En => &CELLS[1],
                };
                cell.get_or_init(|| Self {
                    $($field: $crate::i18n::label(
                        lang,
                        &concat!($prefix, "-", stringify!($field)).replace('_', "-"),
                    ),)*
                })
            }
        }
    };
}

pub(crate) use labels;
