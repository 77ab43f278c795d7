//! Photo specification: every threshold of the automatic-check catalogue, as campaign settings.
//! The defaults follow the studio's notice and the CHSI degree-photo standard (domain.md).

use serde::{Deserialize, Serialize};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// A closed range `min..=max`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

impl Range {
    pub const fn new(min: f64, max: f64) -> Self {
        Self { min, max }
    }

    pub fn contains(&self, v: f64) -> bool {
        (self.min..=self.max).contains(&v)
    }
}

/// Warn above `warn`, fail above `fail`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    pub warn: f64,
    pub fail: f64,
}

/// Thresholds of every automatic check. Stored with the campaign as JSON; missing fields take
/// their defaults so older campaigns keep working when a check is added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhotoSpec {
    /// Bump when a threshold changes so cached check results are recomputed.
    pub version: u32,
    pub width_px: u32,
    pub height_px: u32,
    /// `file.size`, in kilobytes (warn outside).
    pub file_size_kb: Range,
    /// `file.jpeg_quality`: minimum estimated quality factor.
    pub jpeg_quality_min: u32,
    /// `file.edited`: EXIF Software names (lower-case substrings) of beauty/retouch apps.
    pub retouch_apps: Vec<String>,
    /// `face.size`: face width in pixels.
    pub face_width_px: Range,
    /// `face.position`: head top distance from the top edge, in pixels.
    pub head_top_px: Range,
    /// `face.position`: eye line distance from the top edge, in pixels.
    pub eye_line_px: Range,
    /// `face.position`: allowed horizontal offset of the face centre, in pixels.
    pub centre_tolerance_px: f64,
    /// `face.roll`: eye-line tilt, degrees. Fail above 8°: ISO/IEC 19794-5 (frontal image
    /// type) and ICAO 9303 part 3 allow a head roll of up to ±8°, and CHSI asks for the head
    /// upright without a number. Warn above 5°: within 3° of that limit, where the measure's
    /// own spread (±1–1.5° with the detector's crop, `docs/checks.md`) can reach it; a
    /// reviewer judges those.
    pub roll_deg: Limits,
    /// `face.yaw`: head turn, degrees.
    pub yaw_deg: Limits,
    /// `face.eyes_open`, fallback when the iris model cannot run: minimum Face Mesh eyelid
    /// gap per eye width (fail below). The mesh's lids never meet: the closed eyes of
    /// issue 12 still measured 0.15 there, and open eyes on the demo photos 0.22–0.35.
    pub eye_open_ratio_min: f64,
    /// `face.eyes_open`: fail when the lid gap at the iris centre is below this share of the
    /// iris diameter (`MediaPipe` Iris), on either eye. The rule: the notice asks for eyes
    /// open naturally; ICAO 9303 part 3 and ISO/IEC 19794-5 (frontal image) for eyes open
    /// with the pupils and irises visible. The pupil in studio light is 3–4 mm of the iris's
    /// 11.8 mm, so a gap under 0.3 of the iris diameter cannot show the whole pupil: not open.
    pub eye_iris_opening_fail: f64,
    /// `face.eyes_open`: warn when the gap is below this share of the iris diameter on both
    /// eyes: the lids within about half a millimetre of the pupil (heavy lids or a squint; the
    /// reviewer decides). Both, because lids that close narrow both eyes, while one eye alone
    /// reads up to 0.1 below the other on open-eyed faces. Measured, not fitted: open eyes on
    /// the demo photos 0.47–0.90 (the lowest a broad smile's narrowed eyes, `fr__obama`, which
    /// the notice allows), on the real photos 0.38–0.90 per eye and at least 0.45 for the
    /// wider of the two.
    pub eye_iris_opening_warn: f64,
    /// `face.gaze`: iris centre offset from the centre of the eye opening, per eye width
    /// (`checks::face::eyes`). ICAO 9303 part 3 / ISO/IEC 19794-5 ask for the eyes looking
    /// at the camera and give no number; the limits are eye rotations converted with the
    /// eye's proportions (eyeball radius ≈ 12 mm, eye width ≈ 30 mm: an offset of 0.4·sin θ
    /// per eye width for a rotation θ): warn above 0.1 (≈ 15°, a glance aside a reviewer can
    /// see), fail above 0.17 (≈ 25°, plainly looking away). The horizontal offset (the mean
    /// of both eyes) counts against both limits; the vertical one only against `fail`, since
    /// the lids follow the eye up and down and the upper lid covers more of the iris than the
    /// lower (compliant photos: up to 0.07 eye width above the middle).
    pub gaze_offset: Limits,
    /// `face.mouth_closed`: maximum inner-lip gap (Face Mesh 13–14) per inner mouth width
    /// (78–308). The rule: lips naturally closed (the notice), mouth closed (ICAO 9303 part 3,
    /// ISO/IEC 19794-5). Lips that touch still read up to ~0.07 on the mesh (its inner-lip
    /// points sit on the lips' inner edge; closed-lip smiles on the demo photos 0.005–0.049,
    /// on the raw portraits of `fixtures/portraits` up to 0.069); a talking mouth shows teeth
    /// through a gap of a few millimetres, about 0.1 of a 50 mm mouth. 0.085 (~4 mm) lies
    /// between the two.
    pub mouth_gap_ratio_max: f64,
    /// `face.mouth_closed`: the gap above which it fails (between the limits it warns): 0.12,
    /// about 6 mm on a 50 mm mouth, teeth plainly apart. Full closed lips can read past both
    /// limits on the mesh (0.11–0.18 on very dark and dark-brown faces with full lips), so a
    /// gap past `mouth_gap_ratio_max` is only a finding when the pixels between the lips agree
    /// (`mouth_lips_only_share`).
    pub mouth_gap_ratio_fail: f64,
    /// `face.mouth_closed`: when under this share of the pixels inside the inner-lip contour
    /// are teeth and under this share are the dark of an open mouth (each judged against the
    /// lips' own colour, `checks::face::mouth`), only lip shows there: the lips are closed
    /// whatever the mesh's gap, and the check passes. 0.03 is a few pixels of a mouth's
    /// hundreds: noise, a highlight, not a row of teeth (an open mouth's teeth fill 10–55 %).
    pub mouth_lips_only_share: f64,
    /// `face.mouth_closed`: teeth filling at least this share of the inner contour fail a gap
    /// that would only warn: teeth in sight mean the lips are apart, against the notice's
    /// 嘴唇自然闭合 (lips naturally closed). 0.15: a row of teeth, not a glint.
    pub mouth_teeth_share_fail: f64,
    /// `background.colour`: allowed background colours.
    pub background_colours: Vec<Rgb>,
    /// `background.colour`: CIEDE2000 to the nearest allowed colour.
    pub background_delta_e: Limits,
    /// `background.*`: smallest visible background, as a share of the image, for the
    /// background checks to be assessed (below: "not assessed", never a pass).
    pub background_min_share: f64,
    /// `background.uniformity`: CIEDE2000 across the fitted background plane.
    pub background_gradient_delta_e: Limits,
    /// `background.shadow`: L* drop of the band next to the outline.
    pub shadow_lightness_drop: Limits,
    /// `background.objects`: share of background-region pixels that are foreign.
    pub background_objects_share: Limits,
    /// `exposure.brightness`: share of the face skin whose luma (Rec. 601 Y′, 0–255) is
    /// crushed into 0–25, the dark range of ISO/IEC 29794-5's under-exposure measure (OFIQ
    /// `UnderExposurePrevention`). A correctly lit face of any complexion keeps its skin above
    /// it; only shadows and an under-exposed photo put a large share there.
    pub face_crushed_share: Limits,
    /// `exposure.brightness`: share of the face skin with luma 247–255, the bright range of
    /// ISO/IEC 29794-5's over-exposure measure (OFIQ `OverExposurePrevention`): clipped
    /// highlights lose the skin's detail whatever its tone.
    pub face_clipped_share: Limits,
    /// `exposure.brightness`: exposure of the backdrop against the campaign's allowed colour it
    /// shows, in stops (EV, log2 of the luminance ratio): the backdrop is the photo's light
    /// reference, since it has a known colour and the skin does not. One stop either way is
    /// the latitude of a correctly exposed photograph; the backdrop is lit by the same
    /// studio light as the face.
    pub backdrop_exposure_ev: Limits,
    /// `exposure.colour_cast`: natural skin a*.
    pub skin_a: Range,
    /// `exposure.colour_cast`: natural skin b*.
    pub skin_b: Range,
    /// `exposure.colour_cast`: warn above this skin chroma per lightness (C*/L*): a red or
    /// yellow cast on a dim photo raises the chroma while a* and b* alone stay in range
    /// (demo photos: compliant ≤ 0.65, dark reddish cast ≥ 0.67 — a narrow margin, so warn).
    pub skin_chroma_per_lightness_max: f64,
    /// `exposure.uneven`: exposure difference between the face halves in stops (EV, the
    /// log2 of their luminance ratio), so the same light gives the same value on fair and dark
    /// skin (the same ratio is 17 L* on a face of L* 70 but 12 L* on one of L* 45). 0.5 EV is
    /// a 1.4:1 lighting ratio, the "flat" light a passport studio aims for; 1 EV is 2:1, where
    /// one side of the face is visibly shadowed.
    pub face_halves_ev: Limits,
    /// `sharpness.face`: minimum normalised focus measure (`checks::sharpness`: RMS Laplacian
    /// over the grey standard deviation on the face resampled to 128 px wide). Demo photos:
    /// compliant 0.40–0.75, Gaussian blur σ = 4 px 0.06–0.11; 0.2 sits between them.
    pub sharpness_min: f64,
    /// `sharpness.face`: the face's fine detail at the delivered resolution
    /// (`checks::pixel_detail`: the finest octave's energy over the next one); fail below
    /// `detail_fail`, warn below `detail_warn`. The rule: the notice's 480×640 pixels and a
    /// clear photo, so a photo enlarged from a smaller one, or blurred by about a pixel, does
    /// not have the detail its size promises. The limits are what those changes do to the
    /// real photos of `tests/fixtures/real` (`cargo run --release --example fine_detail`;
    /// the 40 London studio photos read 0.82–1.77 as delivered, every skin tone): enlarged
    /// 1.5× from a copy of two thirds the size (bicubic, saved at JPEG quality 90) the London
    /// photos read 0.31–0.50 and every real photo at most 0.54, so under 0.55 a photo looks
    /// like a 1.5× enlargement (warn); blurred by a Gaussian of σ = 1 px they read 0.23–0.34
    /// (every real photo ≤ 0.40), and enlarged 2× then sharpened (unsharp mask σ = 2)
    /// 0.29–0.42 (≤ 0.47), so under 0.45 the finest octave is gone (fail). Saved at JPEG
    /// quality 50 the London photos still read 0.59–1.14.
    pub detail_fail: f64,
    /// `sharpness.face`: warn below this fine detail (see [`Self::detail_fail`]).
    pub detail_warn: f64,
    /// `retouch.smoothing`: minimum skin texture relative to edge strength (warn below;
    /// `checks::sharpness`). No rule gives a number (the notice: over-retouched photos fail
    /// CHSI's face comparison), so the limit sits between the two kinds of skin measured. Real
    /// unretouched skin reads 0.049–0.32 in the 64 real photos of `tests/fixtures/real` as
    /// delivered (every age and tone; the lowest a very fair 21-year-old under flash: young
    /// skin, the graduates' own, is the smoothest there is). A beauty filter's heavy skin
    /// smoothing (bilateral, radius 7 px, range 30) brings seven real faces from very fair to
    /// very dark from 0.049–0.191 to 0.009–0.031 (`tests/checks_retouch.rs`); the AI-rendered
    /// demo faces read 0.013. 0.04 lies between the two. Lighter smoothing (radius 5, range
    /// 12–20) reads 0.010–0.070 and is only partly caught: the measure cannot tell it from
    /// naturally smooth skin. A JPEG saved at quality 75 lowers every reading by a quarter or
    /// so (0.049 → 0.036 on the smoothest face), which `file.jpeg_quality` reports besides.
    /// Was 0.05, set when only the demo photos' 0.09–0.25 were known: it warned on that young
    /// face.
    pub skin_texture_min: f64,
    /// `clothing.contrast`: minimum CIEDE2000 between the clothes and the backdrop where they
    /// meet (warn below). The notice asks for clothes "clearly distinct from the background";
    /// ΔE00 5 is where graphic-arts practice (the ISO 12647-2 print tolerances) puts a colour
    /// difference seen at a glance. A white shirt on a white backdrop or light blue on light
    /// blue is below 3; a white T-shirt against a light-grey backdrop is 5–9.
    pub clothing_contrast_delta_e_min: f64,
    /// `clothing.blue`: share of blue-hued clothing pixels.
    pub clothing_blue_share: Limits,
    /// `clothing.blue`: HSV hue range (degrees) counted as blue: cyan-blue to violet-blue,
    /// the hues that merge with a light-blue background.
    pub clothing_blue_hue_deg: Range,
    /// `clothing.blue`: minimum CIELAB chroma for a pixel to count as blue, so grey, black
    /// and white cloth with a slight blue tint does not count.
    pub clothing_blue_chroma_min: f64,
    /// `clothing.pattern`: high-frequency energy in the clothing (warn above): the share of
    /// clothing pixels (2× downsampled) whose L* differs from their 3×3 mean by more than
    /// [`Self::clothing_pattern_detail_l`].
    pub clothing_pattern_energy_max: f64,
    /// `clothing.pattern`: L* deviation from the local mean that counts as pattern detail
    /// (above JPEG noise and the soft shading of folds).
    pub clothing_pattern_detail_l: f64,
    /// `pose.shoulders`: tilt of the line through both shoulders, degrees (warn at most). The
    /// notice asks for level shoulders (左右肩膀平衡) without a number; the limit is the
    /// head-roll tolerance of ICAO Doc 9303 / ISO/IEC 19794-5 (±8°), applied to the shoulder
    /// line: below it a reviewer sees the shoulders as level.
    pub shoulder_tilt_deg: Limits,
    /// `accessory.glasses`: whether the campaign lets habitual wearers keep glasses.
    pub glasses_allowed: bool,
    /// `accessory.glasses`: warn when a frame line (a thin line darker or brighter than the
    /// skin on both sides, running across the nose bridge, along both lower rims or beside
    /// both eyes; `checks::face::accessory`) is at least this many times the cheeks' own skin
    /// texture. Demo photos: without glasses ≤ 7.5 (an older face's nasion creases and
    /// under-eye lines), with drawn dark frames ≥ 23; 12 keeps a margin on both sides.
    /// One site alone is the bridge or the lower rims; the outer rims alone never count,
    /// because the temple hairline and the crow's feet beside the eye are vertical lines too
    /// (a compliant real photo read 15.7 there, and no real frame showed only there).
    pub glasses_line_ratio_min: f64,
    /// `accessory.glasses`: a frame is also found when two of the three sites (bridge, lower
    /// rims, outer rims) are each at least this many times the skin texture. A thin wire or a
    /// clear frame is faint everywhere, but its bridge and its rims line up: two sites of one
    /// frame agreeing are stronger evidence than one site at 12×, so two thirds of that
    /// (8×) is asked of each. Real photos: thin wire frames read 8.7–9.9 at the bridge and
    /// 10.2–11.4 along the lower rims; on real faces without glasses the second-strongest
    /// site read at most 6.4.
    pub glasses_line_ratio_pair_min: f64,
    /// `accessory.glasses`: warn when the skin where a lens lies (between eye and brow, below
    /// the lower lid; the lighter band of the lighter eye) has less than this share of the
    /// cheeks' luminance (linear light, so the same on dark and fair skin): a tinted lens.
    /// EN ISO 12312-1 calls a lens passing over 80 % of the light clear (filter category 0);
    /// the skin there is itself 0.75–1.0 of the cheeks without glasses (shaded eyes, dark
    /// circles), so a lens passing under ~80 % puts it below 0.6. CHSI allows only untinted
    /// glasses, so this warns even where the campaign allows glasses.
    pub glasses_lens_luminance_min: f64,
    /// `accessory.glasses`: warn when this share of the skin around the eyes is a reflection
    /// (over twice the cheeks' luminance and near white, which skin's own sheen is not). CHSI
    /// allows only reflection-free glasses; a lens reflection is a blob covering a few
    /// per cent of the area, a catchlight (in the pupil, left out) or sheen far less.
    pub glasses_glare_share_max: f64,
    /// `accessory.glasses`: smallest skin texture (L*) divided by, so a very smooth (retouched
    /// or rendered) face does not turn faint shading into frame lines.
    pub glasses_texture_floor_l: f64,
    /// `hair.covering`: share of the band just above an eyebrow that is not skin (hair), on
    /// the worse side (warn above). Demo photos: clear brows 0.0–0.44 (the top value: hair at
    /// the temple touching a brow's outer end), fringes over the brows 0.63–1.0 (one real,
    /// `hivision__test2`, and the drawn ones).
    pub hair_cover_share_max: f64,
    /// `hair.covering`: a sample darker than the cheeks' median L* by more than this is hair
    /// (forehead skin above the brows stays within ~10 of the cheeks; light-brown hair on fair
    /// skin is ~16–20 darker).
    pub hair_darker_l: f64,
    /// `hair.covering`: a sample farther than this from the cheeks' median in the a*b* plane
    /// (grey, white or blond hair) is hair.
    pub hair_chroma_delta: f64,
    /// `hair.covering`, ears: the smallest CIELAB distance (ΔE76) between the cheeks' median
    /// and the hair's own colour at which a sample beside the ear can be called one or the
    /// other; closer (a shaved head, hair of the skin's colour) leaves the ears unjudged.
    pub hair_ear_contrast_min: f64,
    /// `hair.covering`, ears: share of the band beside an ear that is hair, on the worse
    /// side (warn above). The band is wider than an ear shows beyond the cheek, so a visible
    /// ear (its rim and lobe) keeps over a quarter of it skin even with strands over the top:
    /// only a band three quarters hair is an ear covered; strands over a visible ear are left
    /// to the reviewer's eye.
    pub hair_ear_share_max: f64,
}

impl Default for PhotoSpec {
    #[allow(clippy::too_many_lines)] // one literal holding every threshold, each documented above
    fn default() -> Self {
        Self {
            version: 1,
            width_px: 480,
            height_px: 640,
            file_size_kb: Range::new(20.0, 500.0),
            jpeg_quality_min: 60,
            retouch_apps: [
                "meitu",
                "美图",
                "beautycam",
                "faceu",
                "b612",
                "snow",
                "facetune",
                "retrica",
                "beauty",
                "美颜",
                "醒图",
                "轻颜",
                "picsart",
                "ulike",
            ]
            .map(String::from)
            .to_vec(),
            face_width_px: Range::new(180.0, 300.0),
            head_top_px: Range::new(50.0, 110.0),
            eye_line_px: Range::new(200.0, 300.0),
            centre_tolerance_px: 24.0,
            roll_deg: Limits {
                warn: 5.0,
                fail: 8.0,
            },
            yaw_deg: Limits {
                warn: 8.0,
                fail: 15.0,
            },
            eye_open_ratio_min: 0.18,
            eye_iris_opening_fail: 0.3,
            eye_iris_opening_warn: 0.4,
            gaze_offset: Limits {
                warn: 0.1,
                fail: 0.17,
            },
            mouth_gap_ratio_max: 0.085,
            mouth_gap_ratio_fail: 0.12,
            mouth_lips_only_share: 0.03,
            mouth_teeth_share_fail: 0.15,
            background_colours: vec![Rgb(100, 197, 255), Rgb(255, 255, 255), Rgb(240, 240, 240)],
            background_delta_e: Limits {
                warn: 10.0,
                fail: 18.0,
            },
            background_min_share: 0.05,
            background_gradient_delta_e: Limits {
                warn: 6.0,
                fail: 12.0,
            },
            shadow_lightness_drop: Limits {
                warn: 6.0,
                fail: 12.0,
            },
            background_objects_share: Limits {
                warn: 0.005,
                fail: 0.02,
            },
            face_crushed_share: Limits {
                warn: 0.15,
                fail: 0.3,
            },
            face_clipped_share: Limits {
                warn: 0.05,
                fail: 0.15,
            },
            backdrop_exposure_ev: Limits {
                warn: 0.6,
                fail: 1.0,
            },
            skin_a: Range::new(5.0, 25.0),
            skin_b: Range::new(5.0, 35.0),
            skin_chroma_per_lightness_max: 0.66,
            face_halves_ev: Limits {
                warn: 0.5,
                fail: 1.0,
            },
            sharpness_min: 0.2,
            detail_fail: 0.45,
            detail_warn: 0.55,
            skin_texture_min: 0.04,
            clothing_contrast_delta_e_min: 5.0,
            clothing_blue_share: Limits {
                warn: 0.2,
                fail: 0.4,
            },
            clothing_blue_hue_deg: Range::new(190.0, 250.0),
            clothing_blue_chroma_min: 20.0,
            clothing_pattern_energy_max: 0.35,
            clothing_pattern_detail_l: 3.0,
            shoulder_tilt_deg: Limits {
                warn: 8.0,
                fail: 16.0,
            },
            glasses_allowed: false,
            glasses_line_ratio_min: 12.0,
            glasses_line_ratio_pair_min: 8.0,
            glasses_texture_floor_l: 1.0,
            glasses_lens_luminance_min: 0.6,
            glasses_glare_share_max: 0.02,
            hair_cover_share_max: 0.5,
            hair_darker_l: 16.0,
            hair_chroma_delta: 14.0,
            hair_ear_contrast_min: 12.0,
            hair_ear_share_max: 0.75,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_notice() {
        let s = PhotoSpec::default();
        assert_eq!((s.width_px, s.height_px), (480, 640));
        assert!(s.background_colours.contains(&Rgb(100, 197, 255)));
        assert!(!s.glasses_allowed);
        assert!(s.head_top_px.contains(50.0) && s.head_top_px.contains(110.0));
        assert!(!s.head_top_px.contains(110.5));
    }

    #[test]
    fn missing_fields_take_defaults() {
        let s: PhotoSpec = serde_json::from_str(r#"{"glasses_allowed": true}"#).unwrap();
        assert!(s.glasses_allowed);
        assert_eq!(s.face_width_px, PhotoSpec::default().face_width_px);
    }
}
