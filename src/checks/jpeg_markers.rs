//! A small JPEG marker walker: frame header (SOF), quantisation tables (DQT), the Adobe APP14
//! colour transform, the EXIF APP1 payload and whether the end-of-image marker is present.
//! One linear pass over the bytes; no pixel decoding, no allocation beyond the result.

/// The frame header (first SOF segment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sof {
    /// The SOF marker (`0xC0` baseline, `0xC2` progressive, …).
    pub marker: u8,
    /// Sample precision in bits (8 or 12 in practice).
    pub precision: u8,
    pub width: u16,
    pub height: u16,
    /// Number of components: 1 grey, 3 colour, 4 CMYK/YCCK.
    pub components: u8,
    /// Quantisation table id of the first (luminance) component.
    pub first_qtable: Option<u8>,
}

/// What the walk found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JpegMarkers<'a> {
    pub sof: Option<Sof>,
    /// Quantisation tables by id (0–3), entries in zig-zag order as stored.
    pub qtables: [Option<[u16; 64]>; 4],
    /// The Adobe APP14 colour transform byte (0 none/CMYK, 1 `YCbCr`, 2 YCCK).
    pub adobe_transform: Option<u8>,
    /// The TIFF data of the first EXIF APP1 segment (after `Exif\0\0`).
    pub exif: Option<&'a [u8]>,
    /// The end-of-image marker (`FFD9`) was reached.
    pub has_eoi: bool,
    /// The bytes ended inside a segment or inside the entropy-coded data.
    pub ended_early: bool,
    /// Something that is not a marker was found where one was expected.
    pub malformed: bool,
}

impl JpegMarkers<'_> {
    /// The luminance quantisation table: the one of the first component, else table 0, else
    /// the first one defined.
    pub fn luma_qtable(&self) -> Option<&[u16; 64]> {
        let by_component = self
            .sof
            .and_then(|s| s.first_qtable)
            .and_then(|id| self.qtables.get(usize::from(id)))
            .and_then(Option::as_ref);
        by_component
            .or(self.qtables[0].as_ref())
            .or_else(|| self.qtables.iter().flatten().next())
    }
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
}

/// Walks the markers of a JPEG; `None` when the bytes do not start with SOI (`FFD8`).
pub(crate) fn parse(bytes: &[u8]) -> Option<JpegMarkers<'_>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = JpegMarkers::default();
    let mut pos = 2;
    loop {
        match bytes.get(pos) {
            None => {
                out.ended_early = true;
                break;
            }
            Some(0xFF) => {}
            Some(_) => {
                out.malformed = true;
                break;
            }
        }
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else {
            out.ended_early = true;
            break;
        };
        pos += 1;
        match marker {
            0xD9 => {
                out.has_eoi = true;
                break;
            }
            // Standalone markers: restart, SOI, TEM.
            0xD0..=0xD8 | 0x01 => continue,
            0x00 => {
                out.malformed = true;
                break;
            }
            _ => {}
        }
        let Some(seg_len) = be16(bytes, pos) else {
            out.ended_early = true;
            break;
        };
        let seg_len = usize::from(seg_len);
        if seg_len < 2 {
            out.malformed = true;
            break;
        }
        let Some(payload) = bytes.get(pos + 2..pos + seg_len) else {
            out.ended_early = true;
            break;
        };
        read_segment(&mut out, marker, payload);
        pos += seg_len;
        if marker == 0xDA {
            let Some(next) = skip_entropy_coded(bytes, pos) else {
                out.ended_early = true;
                break;
            };
            pos = next;
        }
    }
    Some(out)
}

fn read_segment<'a>(out: &mut JpegMarkers<'a>, marker: u8, payload: &'a [u8]) {
    match marker {
        // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF if out.sof.is_none() => {
            if let (Some(&precision), Some(height), Some(width), Some(&components)) = (
                payload.first(),
                be16(payload, 1),
                be16(payload, 3),
                payload.get(5),
            ) {
                out.sof = Some(Sof {
                    marker,
                    precision,
                    width,
                    height,
                    components,
                    first_qtable: payload.get(8).copied(),
                });
            }
        }
        0xDB => read_dqt(out, payload),
        0xE1 if out.exif.is_none() => {
            if let Some(tiff) = payload.strip_prefix(b"Exif\0\0") {
                out.exif = Some(tiff);
            }
        }
        0xEE if payload.starts_with(b"Adobe") => {
            out.adobe_transform = payload.get(11).copied();
        }
        _ => {}
    }
}

fn read_dqt(out: &mut JpegMarkers<'_>, payload: &[u8]) {
    let mut rest = payload;
    while let Some((&pq_tq, tail)) = rest.split_first() {
        let wide = pq_tq >> 4 != 0;
        let id = usize::from(pq_tq & 0x0F);
        let need = if wide { 128 } else { 64 };
        let Some(data) = tail.get(..need) else {
            return;
        };
        let mut table = [0u16; 64];
        for (k, entry) in table.iter_mut().enumerate() {
            *entry = if wide {
                u16::from_be_bytes([data[2 * k], data[2 * k + 1]])
            } else {
                u16::from(data[k])
            };
        }
        if let Some(slot) = out.qtables.get_mut(id) {
            *slot = Some(table);
        }
        rest = &tail[need..];
    }
}

/// Skips entropy-coded data starting at `pos`; returns the position of the next marker's
/// `FF`, or `None` when the data ends first.
fn skip_entropy_coded(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let ff = pos + bytes.get(pos..)?.iter().position(|&b| b == 0xFF)?;
        match *bytes.get(ff + 1)? {
            // Stuffed zero, restart marker: still data. A fill byte: look again from it.
            0x00 | 0xD0..=0xD7 => pos = ff + 2,
            0xFF => pos = ff + 1,
            _ => return Some(ff),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: &[u8] = include_bytes!("../../assets/demo/fr__biden.jpg");

    #[test]
    fn reads_the_demo_photo_header() {
        let m = parse(DEMO).unwrap();
        let sof = m.sof.unwrap();
        assert_eq!((sof.width, sof.height), (480, 640));
        assert_eq!((sof.precision, sof.components), (8, 3));
        assert!(m.has_eoi && !m.ended_early && !m.malformed);
        assert!(m.luma_qtable().is_some());
        assert!(m.qtables[1].is_some());
    }

    #[test]
    fn truncated_data_has_no_eoi() {
        for cut in [2, 3, 10, 200, 3000, DEMO.len() - 1] {
            let m = parse(&DEMO[..cut]).unwrap();
            assert!(!m.has_eoi, "cut at {cut}");
            assert!(m.ended_early, "cut at {cut}");
        }
    }

    #[test]
    fn not_a_jpeg_is_none_and_garbage_is_malformed() {
        assert!(parse(b"").is_none());
        assert!(parse(b"\x89PNG\r\n\x1a\n").is_none());
        let m = parse(b"\xFF\xD8garbage").unwrap();
        assert!(m.malformed && !m.has_eoi && m.sof.is_none());
        let m = parse(b"\xFF\xD8\xFF\xDB\x00\x01").unwrap();
        assert!(m.malformed);
        let m = parse(b"\xFF\xD8\xFF\xD9").unwrap();
        assert!(m.has_eoi && m.sof.is_none());
    }

    #[test]
    fn reads_sixteen_bit_dqt_and_adobe_and_exif() {
        let mut jpeg = vec![0xFF, 0xD8];
        // DQT, 16-bit table 1.
        jpeg.extend([0xFF, 0xDB, 0x00, 2 + 1 + 128, 0x11]);
        for k in 0..64u16 {
            jpeg.extend((k + 300).to_be_bytes());
        }
        // APP14 Adobe, transform 2.
        jpeg.extend([0xFF, 0xEE, 0x00, 14]);
        jpeg.extend(b"Adobe\x00\x64\x00\x00\x00\x00\x02");
        // APP1 EXIF.
        jpeg.extend([0xFF, 0xE1, 0x00, 12]);
        jpeg.extend(b"Exif\0\0II*\0");
        // SOF2 with 4 components, 100×50, first component table 1.
        jpeg.extend([0xFF, 0xC2, 0x00, 20, 8, 0, 50, 0, 100, 4]);
        jpeg.extend([1, 0x11, 1, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
        jpeg.extend([0xFF, 0xD9]);
        let m = parse(&jpeg).unwrap();
        let sof = m.sof.unwrap();
        assert_eq!(
            (sof.marker, sof.width, sof.height, sof.components),
            (0xC2, 100, 50, 4)
        );
        assert_eq!(sof.first_qtable, Some(1));
        assert_eq!(m.luma_qtable().unwrap()[63], 363);
        assert_eq!(m.adobe_transform, Some(2));
        assert_eq!(m.exif, Some(&b"II*\0"[..]));
        assert!(m.has_eoi);
    }

    #[test]
    fn entropy_data_skips_stuffing_and_restarts() {
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02];
        jpeg.extend([1, 2, 0xFF, 0x00, 3, 0xFF, 0xD3, 4, 0xFF, 0xFF, 0xD9]);
        let m = parse(&jpeg).unwrap();
        assert!(m.has_eoi);
        let m = parse(&jpeg[..jpeg.len() - 1]).unwrap();
        assert!(!m.has_eoi && m.ended_early);
    }
}
