# The automatic checks' findings (src/checks/): what each check measured, with its
# numbers as arguments. Stored results keep the message id and arguments, not the text.

## Shared
check-not-assessed = Not assessed: { $why }
check-stored-finding = { $verdict ->
        [pass] Pass
        [warn] Warning
        [fail] Fail
       *[error] Not assessed
    }: measured { $value }; required { $threshold } (stored by an earlier version; recheck for details)
check-stored-finding-no-value = { $verdict ->
        [pass] Pass
        [warn] Warning
        [fail] Fail
       *[error] Not assessed
    }: required { $threshold } (stored by an earlier version; recheck for details)
check-why-not-decoded = the photo could not be decoded
check-why-no-face = no face found
check-why-no-face-detected = no face detected
check-why-no-mesh = face landmarks unavailable
check-why-no-iris = iris landmarks unavailable
check-why-eyes-shut = the eyes are not open
check-why-eye-region-outside = the eye region is outside the photo
check-why-face-models-failed = the face models cannot run: { $error }
check-why-segmentation-failed = the person segmentation model cannot run: { $error }

## file.decode and why a file does not decode
check-decode-failed = Cannot decode: { $error }
check-decode-read-failed = Cannot read the file: { $why }
check-decode-what = { $format } { $width }×{ $height }, { $channels }, { $depth }-bit
check-channels-grey = greyscale
check-channels-colour = colour
check-channels-cmyk = CMYK
check-channels-other = { $n } channels
check-orientation-2 = mirrored left–right
check-orientation-3 = rotated 180°
check-orientation-4 = mirrored top–bottom
check-orientation-5 = mirrored and turned 90° (transposed)
check-orientation-6 = rotated 90° clockwise
check-orientation-7 = mirrored and turned 90° (transversed)
check-orientation-8 = rotated 90° counter-clockwise
check-orientation-invalid = an invalid orientation value { $value }
check-decode-turned = Decoded { $what }, but its EXIF orientation is { $orientation } (viewers show it { $turn }): the student's phone shows it turned, while CHSI and this screen use the stored pixels
check-decode-ok = Decoded: { $what }
check-decode-error-empty = the file is empty (0 bytes)
check-decode-error-unknown-format = not an image: the content matches no known image format
check-decode-error-unsupported = { $format } files are not supported{ $hint }; the photo must be a JPEG
check-format-hint-heic = {" "}(the iPhone "High Efficiency" format)
check-format-hint-webp = {" "}(often saved from a web page or chat app)
check-format-hint-avif = {" "}(a newer web image format)
check-decode-error-too-large = the { $format } header declares { $width }×{ $height } pixels, over the { $max }×{ $max } limit: refused before decoding (a decompression bomb or a damaged header)
check-decode-error-truncated = truncated { $format }: the file ends after { $bytes } bytes, before the image data is complete (incomplete upload or copy)
check-decode-error-bad-header = damaged { $format } header: { $detail }
check-decode-error-cmyk = CMYK JPEG (4 colour channels, a print colour space) could not be decoded: { $detail }
check-decode-error-too-much-memory = decoding this { $format } needs more memory than the { $mb } MB limit: { $detail }
check-decode-error-corrupt = the { $format } data is damaged and could not be decoded: { $detail }

## file.format
check-format-not-jpeg = The file is a { $format } ({ $depth }-bit), not a JPEG (detected from its content, whatever its name)
check-format-cmyk = CMYK JPEG (4 colour channels, a print colour space), not 24-bit RGB colour
check-format-depth = { $depth }-bit JPEG; it must be 8-bit
check-format-ok = JPEG, 8-bit
check-format-not-an-image = The file is not in any image format, so not a JPEG
check-format-not-jpeg-undecoded = The file is a { $format }, not a JPEG (detected from its content, whatever its name)

## file.dimensions
check-dimensions-turned = {" "}(EXIF orientation { $orientation }: phones show it as { $shown })
check-dimensions-ok = { $width }×{ $height } px{ $note }
check-dimensions-wrong = { $width }×{ $height } px; it must be exactly { $required }{ $note }

## file.colour
check-colour-greyscale-file = Greyscale file (1 channel), not a 24-bit colour photo
check-colour-all-grey = Colour file, but every pixel is grey (channel spread { $spread } ≤ { $max }): a black-and-white photo
check-colour-mostly-grey = Colour file, but only { $share } % of the pixels show any tint (required ≥ { $min } %): a black-and-white or toned photo
check-colour-ok = Colour (channel spread { $spread }, { $share } % of the pixels tinted)

## file.size
check-size-ok = File size { $kb } KB
check-size-small = File is only { $kb } KB (expected at least { $min } KB): probably compressed too hard
check-size-large = File is { $kb } KB (expected at most { $max } KB): not compressed as required

## file.jpeg_quality
check-why-not-jpeg = the file is a { $format }, not a JPEG
check-why-no-quantisation-tables = the JPEG has no quantisation tables
check-quality-low = Estimated JPEG quality { $quality }, below { $min }: compressed too hard
check-quality-ok = Estimated JPEG quality { $quality }

## file.edited
check-edited-none = No editing software recorded in EXIF
check-edited-retouch = EXIF Software is "{ $software }", a beauty/retouch app ({ $app })
check-edited-other = EXIF Software is "{ $software }", not a known retouch app

## face.count, face.size, face.position, face.roll, face.yaw, face.mouth_closed
check-face-count-none = No face found (exactly 1 required)
check-face-count-one = 1 face found
check-face-count-many = { $count } faces found (exactly 1 required)
check-face-size = Face width { $width } px{ $how }; required { $threshold }
check-face-size-estimated = {" "}(estimated from the detector box)
check-face-position = { $top }, eye line { $eye } px, face centre { $offset } px off the centre line; required head top { $top_range }, eye line { $eye_range }, centre ±{ $tolerance } px
check-face-head-top = head top { $y } px
check-face-head-top-estimated = head top ~{ $high }–{ $low } px (estimated from the face)
check-face-head-top-unknown = head top not assessed
check-face-roll = Eye line tilted { $roll }°; warn > { $warn }°, fail > { $fail }°
check-face-yaw = Head turned about { $yaw }°; warn > { $warn }°, fail > { $fail }°
check-face-mouth = Lip gap / mouth width { $ratio }; required { $threshold }
check-face-mouth-lips-closed = Lip gap / mouth width { $ratio } on the face mesh, but only lip shows between the lips (teeth { $teeth } %, opening { $dark } %): lips closed
check-face-mouth-teeth = Lip gap / mouth width { $ratio }, and teeth fill { $teeth } % of the mouth: lips apart

## face.eyes_open, face.gaze
check-eyes-open = Eye opening (lid gap over the iris / iris diameter): right { $right }, left { $left }; required ≥ { $fail } iris (warn < { $warn })
check-eyes-open-mesh = Eye opening (face mesh, iris model unavailable; lid gap / eye width): right { $right }, left { $left }; required ≥ { $min } (mesh)
check-gaze = Iris off the eye-opening centre: { $horizontal } horizontally ({ $side }), { $vertical } vertically, in eye widths; required ≤ { $fail } eye width (warn > { $warn })
check-gaze-turned = Gaze off the camera, as iris offset in a frontal head (the head turned { $yaw }° taken into account): { $horizontal } horizontally ({ $side }), { $vertical } vertically, in eye widths; required ≤ { $fail } eye width (warn > { $warn })
check-gaze-right = toward the image right
check-gaze-left = toward the image left

## accessory.glasses, hair.covering
check-glasses-measured = frame evidence { $score }× skin texture (threshold { $min }×, or { $pair }× at two sites; bridge / lower rims / outer rims { $sites }), lens area { $lens }× the cheeks' luminance, reflections { $glare } %
check-glasses-none = No glasses seen: { $measured }
check-glasses-allowed = Glasses likely (allowed here; no tint or reflection seen, please confirm): { $measured }
check-glasses-likely = Glasses likely ({ $what }): { $measured }
check-glasses-tinted-reflecting = tinted and reflecting lenses
check-glasses-tinted = tinted lenses
check-glasses-reflecting = lens reflections
check-glasses-not-allowed = not allowed in this campaign
check-hair-clear = No hair over the eyebrows or ears: { $percent } % not skin above the brows, { $ears } (required brows ≤ { $brow_max } %, ears ≤ { $ear_max } %)
check-hair-covers = Hair may cover the eyebrows: { $percent } % hair just above them, { $ears } (required brows ≤ { $brow_max } %, ears ≤ { $ear_max } %)
check-hair-covers-ears = Hair may cover the ears: { $ears }, { $percent } % not skin above the brows (required brows ≤ { $brow_max } %, ears ≤ { $ear_max } %)
check-hair-covers-both = Hair may cover the eyebrows and the ears: { $percent } % hair just above the brows, { $ears } (required brows ≤ { $brow_max } %, ears ≤ { $ear_max } %)
check-hair-ears-measured = { $percent } % hair beside the ears
check-hair-ears-like-skin = ears not judged (hair too close to the skin's colour)
check-hair-ears-unjudged = ears not judged (no outline of the head)

## pose.shoulders
check-why-no-shoulders = shoulders not found
check-shoulders-level = Shoulders level: tilted { $tilt }°, { $diff } px apart in height (required { $threshold })
check-shoulders-uneven = Shoulders uneven: the { $lower } shoulder is lower, tilted { $tilt }°, { $diff } px (required { $threshold })
check-shoulders-image-left = image-left
check-shoulders-image-right = image-right

## exposure.brightness, exposure.colour_cast, exposure.uneven
check-why-too-little-skin = too little visible skin
check-why-face-clipped = the face is clipped, so its colour cannot be judged
check-brightness-highlights = backdrop not an allowed colour, photo highlights { $ev } EV (judged only beyond a stop)
check-brightness-backdrop = backdrop { $ev } EV{ $clipped }, highlights { $highlights } EV
check-brightness-backdrop-clipped = , backdrop clipped
check-brightness-facts = face Y′ median { $median }, crushed { $crushed } %, clipped { $clipped } %, { $backdrop }
check-brightness-threshold = Y′ ≤ { $crushed_luma }: ≤ { $crushed } %, Y′ ≥ { $clipped_luma }: ≤ { $clipped } %, backdrop ±{ $ev } EV
check-brightness-too-bright = Face too bright (over-exposed): { $facts } (required { $threshold })
check-brightness-too-dark = Face too dark (under-exposed): { $facts } (required { $threshold })
check-brightness-ok = Exposure fine: { $facts } (required { $threshold })
check-cast = Skin colour { $what }: a* { $a }, b* { $b }, C*/L* { $chroma } (required { $threshold })
check-cast-reddish = reddish
check-cast-greenish = greenish
check-cast-yellowish = yellowish
check-cast-bluish = bluish
check-cast-rich = over-saturated (possible cast)
check-cast-natural = natural
check-why-half-face-black = one half of the face is black, so the halves cannot be compared
check-uneven-even = Even face lighting: the halves differ by { $ev } EV (L* { $dl }; required { $threshold })
check-uneven-uneven = Uneven face lighting: the image { $darker } half is darker by { $ev } EV (L* { $dl }; required { $threshold })
check-uneven-left = left
check-uneven-right = right

## background.colour, background.uniformity, background.shadow, background.objects
check-why-too-little-background = too little background visible
check-why-no-allowed-colours = no allowed colours set
check-why-no-person = no person found
check-why-no-backdrop = the background has no backdrop colour to find a shadow in
check-background-colour-ok = Background colour fine: ΔE00 { $de } from { $target } ({ $lab }; required { $threshold })
check-background-colour-off = Background colour off: ΔE00 { $de } from the nearest allowed { $target } ({ $lab }; required { $threshold })
check-background-even = Background even: gradient ΔE00 { $gradient }, spread { $spread } (required { $threshold })
check-background-uneven = Background uneven: gradient ΔE00 { $gradient }, spread { $spread } (required { $threshold })
check-shadow-none = No shadow next to the person: band darker by L* { $drop } (required { $threshold })
check-shadow-found = Shadow next to the person: band darker by L* { $drop } (required { $threshold })
check-objects-none = No objects in the background: { $percent } % of it (required { $threshold })
check-objects-found = Objects in the background: { $count }, { $percent } % of it (required { $threshold })

## clothing.contrast, clothing.blue, clothing.pattern
check-why-no-clothing = no clothing region found
check-contrast-ok = Clothes stand out from the background: ΔE00 { $de } (required { $threshold })
check-contrast-low = Clothes close to the background colour: ΔE00 { $de } (required { $threshold })
check-blue-no = Clothes not blue: { $percent } % blue (required { $threshold })
check-blue-yes = Blue clothes, too close to a blue background: { $percent } % blue (required { $threshold })
check-pattern-plain = Clothes plain: detail energy { $energy } (required { $threshold })
check-pattern-found = Clothes striped or patterned: detail energy { $energy } (required { $threshold })

## sharpness.face, retouch.smoothing
check-why-face-too-small = face region too small
check-why-face-blurred = the face is blurred, so smoothing cannot be told from blur
check-sharpness-ok = Face in focus: sharpness { $sharpness }, fine detail { $detail } (required sharpness ≥ { $min }, fine detail ≥ { $fail }, warn < { $warn })
check-sharpness-blurry = Face blurry: sharpness { $sharpness }, fine detail { $detail } (required sharpness ≥ { $min }, fine detail ≥ { $fail }, warn < { $warn })
check-sharpness-soft = Face soft at the photo's own pixels, as if enlarged from a smaller photo or blurred: fine detail { $detail }, sharpness { $sharpness } (required fine detail ≥ { $fail }, warn < { $warn }; sharpness ≥ { $min })
check-smoothing-natural = Natural skin texture: { $texture } (required { $threshold })
check-smoothing-smoothed = Skin texture missing, possibly smoothed: { $texture } (required { $threshold })
check-why-no-check-yet = no automatic check yet; judge by eye
check-why-unreadable = the file could not be read

## Verdicts, as the check list and the queue filter name them
verdict-pass = Pass
verdict-warn = Warning
verdict-fail = Fail
verdict-error = Not assessed

## Labels of the guides drawn over the photo (stored as these ids)
overlay-head-top = head top
overlay-head-top-estimated = head top (estimated)
overlay-eye-line = eye line
overlay-centre = centre

## Why a model could not load or run (shown inside check-why-face-models-failed and
## check-why-segmentation-failed; $error is the model runtime's own words)
model-face-load = cannot load the { $model } model: { $error }
model-face-failed = the { $model } model failed: { $error }
model-person-load = cannot load the person segmentation model: { $error }
model-person-failed = the person segmentation model failed: { $error }
model-empty-image = the image is empty ({ $width }×{ $height })
