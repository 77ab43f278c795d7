//! Assets embedded in the binary and shared by the window and the documents it writes.

/// Noto Sans SC, cut to GBK (see `assets/fonts/README.md`): every name a mainland roster can
/// hold renders in the window and in the printed sheets and packing lists.
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Regular-GBK.otf");
