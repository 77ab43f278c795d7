//! Automatic checks: pure functions from the upload (bytes, decoded pixels) and the campaign's
//! [`PhotoSpec`](crate::domain::spec::PhotoSpec) to [`CheckResult`]s with overlays.
//! They assist the reviewer; the reviewer decides.
//!
//! - [`result`]: the result model (verdict, value, threshold, messages, reasons, overlays).
//! - [`decode`]: safe decoding of upload bytes, with format sniffing and size limits.
//! - [`jpeg_quality`]: JPEG quality factor from the quantisation tables.
//! - [`file`]: the `file.*` checks and [`check_file`].

pub mod backdrop;
pub mod background;
pub mod clothing;
pub mod decode;
pub mod exposure;
pub mod face;
pub mod file;
pub mod geometry;
pub(crate) mod jpeg_markers;
pub mod jpeg_quality;
pub mod lab;
pub(crate) mod onnx;
pub mod person;
pub mod phash;
pub mod pipeline;
pub mod pixel_detail;
pub mod pose;
pub mod result;
pub mod segment;
pub mod sharpness;

pub use decode::{DecodeError, DecodedPhoto, PhotoFormat, decode};
pub use file::check_file;
pub use result::{CheckResult, Guide, Overlay, Report, Verdict};
