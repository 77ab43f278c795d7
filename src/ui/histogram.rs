//! Brightness histogram of the photo on screen: computed on the worker with the decode, drawn
//! small in a corner of the viewer (exposure at a glance: clipped highlights, crushed shadows).

use image::RgbImage;

use super::theme;

/// Bins per channel.
pub const BINS: usize = 64;

/// Counts per brightness bin for red, green, blue and luma.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    pub channels: [[u32; BINS]; 4],
}

impl Histogram {
    pub fn of(rgb: &RgbImage) -> Self {
        let mut channels = [[0u32; BINS]; 4];
        let bin = |v: u8| usize::from(v) * BINS / 256;
        for p in rgb.pixels() {
            let [r, g, b] = p.0;
            let luma = (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000;
            channels[0][bin(r)] += 1;
            channels[1][bin(g)] += 1;
            channels[2][bin(b)] += 1;
            channels[3][bin(u8::try_from(luma).unwrap_or(u8::MAX))] += 1;
        }
        Self { channels }
    }

    /// Draws the four curves into `rect` (channels over a translucent backdrop).
    pub fn paint(&self, painter: &egui::Painter, rect: egui::Rect) {
        painter.rect_filled(rect, 4.0, theme::HISTOGRAM_BACKDROP);
        let max = self
            .channels
            .iter()
            .flat_map(|c| c.iter())
            .copied()
            .max()
            .unwrap_or(1)
            .max(1) as f32;
        for (channel, colour) in self.channels.iter().zip(theme::HISTOGRAM_CHANNELS) {
            let points: Vec<egui::Pos2> = channel
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    let x = rect.left() + rect.width() * i as f32 / (BINS - 1) as f32;
                    let y = rect.bottom() - rect.height() * (n as f32 / max);
                    egui::pos2(x, y)
                })
                .collect();
            painter.add(egui::Shape::line(points, egui::Stroke::new(1.5, colour)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_pixel_once_per_channel() {
        let mut img = RgbImage::new(4, 2);
        img.put_pixel(0, 0, image::Rgb([255, 0, 0]));
        let h = Histogram::of(&img);
        for c in &h.channels {
            assert_eq!(c.iter().sum::<u32>(), 8);
        }
        assert_eq!(h.channels[0][BINS - 1], 1);
        assert_eq!(h.channels[0][0], 7);
        assert_eq!(h.channels[3][0], 7); // Pure red is dark in luma.
    }
}
