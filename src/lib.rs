//! idphoto-review: review workstation for graduation ID photos.
//!
//! Layout: `domain` (pure rules), `store` (`SQLite`), `roster` and `ingest` (input files),
//! `demo` (demo data), `private_fs` (owner-only files), `export` (CHSI package and decision files), `production` (print sheets and packing lists), `ui` (egui panels), `cli` and `app` (the edges).

#[cfg(feature = "gui")]
pub mod app;
pub mod assets;
pub mod checks;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod ingest;
pub mod private_fs;
pub mod production;
pub mod recheck;
pub mod roster;
pub mod roster_import;
pub mod store;
#[cfg(feature = "gui")]
pub mod ui;
