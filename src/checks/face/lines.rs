//! Thin-line evidence in a [`Patch`]: glasses frames are thin lines, darker (or, for metal
//! rims, brighter) than the skin on both sides, that run across a whole region. Skin shading,
//! eyelid creases and under-eye shadows are soft or one-sided, and texture does not line up.

use super::frame::Patch;

/// Half-widths, in samples, at which a line is compared with its two sides: frames 1–9 px
/// thick at the line sampling step (1/80 of the eye distance, ~1.3 px on an ID photo), from
/// thin metal rims to thick acetate.
const SIDE_OFFSETS: [usize; 5] = [2, 3, 4, 6, 8];

/// L* of a patch smoothed along the lines' direction (3 samples), as `lines × across`:
/// `horizontal` lines (running along `u`) are read column by column.
fn profiles(p: &Patch, horizontal: bool) -> (usize, usize, Vec<f32>) {
    let (lines, across) = if horizontal {
        (p.cols, p.rows)
    } else {
        (p.rows, p.cols)
    };
    let l_at = |line: usize, k: usize| {
        if horizontal {
            p.at(line, k).l
        } else {
            p.at(k, line).l
        }
    };
    let mut out = Vec::with_capacity(lines * across);
    for line in 0..lines {
        let (a, b) = (line.saturating_sub(1), (line + 1).min(lines - 1));
        for k in 0..across {
            let sum: f32 = (a..=b).map(|j| l_at(j, k)).sum();
            out.push(sum / (b - a + 1) as f32);
        }
    }
    (lines, across, out)
}

/// The strongest thin line crossing one profile: `(strength, position)`, where strength is
/// how much darker (or brighter) the line is than *both* its sides, in L*.
fn strongest(profile: &[f32]) -> (f32, usize) {
    let mut best = (0.0f32, 0usize);
    for d in SIDE_OFFSETS {
        for k in d..profile.len().saturating_sub(d) {
            let (before, at, after) = (profile[k - d], profile[k], profile[k + d]);
            let dark = (before - at).min(after - at);
            let bright = (at - before).min(at - after);
            let s = dark.max(bright);
            if s > best.0 {
                best = (s, k);
            }
        }
    }
    best
}

/// Line evidence of a region: the median, over the lines across it, of the strongest thin
/// line each crosses, and the median position (index across). A frame crosses every line at
/// about the same place, so the median is high; a wrinkle or a few hairs cross only some.
pub fn line_evidence(p: &Patch, horizontal: bool) -> (f32, f32) {
    let (lines, across, prof) = profiles(p, horizontal);
    if lines == 0 || across == 0 || p.inside_share() < 0.9 {
        return (0.0, 0.0);
    }
    let mut found: Vec<(f32, usize)> = prof.chunks_exact(across).map(strongest).collect();
    found.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let (strength, _) = found[found.len() / 2];
    let mut positions: Vec<usize> = found[found.len() / 2..].iter().map(|f| f.1).collect();
    positions.sort_unstable();
    (strength, positions[positions.len() / 2] as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::lab::Lab;

    fn patch(cols: usize, rows: usize, l: impl Fn(usize, usize) -> f32) -> Patch {
        let mut lab = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                lab.push(Lab::new(l(c, r), 10.0, 15.0));
            }
        }
        Patch {
            cols,
            rows,
            lab,
            inside: vec![true; cols * rows],
        }
    }

    #[test]
    fn a_dark_line_across_the_region_is_found_where_it_is() {
        let p = patch(20, 16, |_, r| if (7..9).contains(&r) { 30.0 } else { 70.0 });
        let (s, at) = line_evidence(&p, true);
        assert!(s > 35.0, "{s}");
        assert!((7.0..=8.0).contains(&at), "{at}");
        // Read the other way (vertical lines), it is not a line at all.
        assert!(line_evidence(&p, false).0 < 1.0);
    }

    #[test]
    fn a_soft_gradient_and_a_step_are_not_lines() {
        let ramp = patch(20, 16, |_, r| 40.0 + 2.0 * r as f32);
        assert!(line_evidence(&ramp, true).0 < 0.5);
        let step = patch(20, 16, |_, r| if r < 8 { 40.0 } else { 70.0 });
        assert!(line_evidence(&step, true).0 < 0.5);
    }

    #[test]
    fn a_short_mark_crossing_few_lines_is_not_a_line() {
        let p = patch(20, 16, |c, r| {
            if c < 4 && (7..9).contains(&r) {
                30.0
            } else {
                70.0
            }
        });
        assert!(line_evidence(&p, true).0 < 1.0);
    }
}
