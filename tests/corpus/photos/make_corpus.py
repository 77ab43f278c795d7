#!/usr/bin/env python3
"""Regenerates the broken-file corpus of tests/checks_file.rs.

Run from the repository root:  python3 tests/corpus/photos/make_corpus.py
Needs Pillow (pip install pillow). Output is deterministic for a given Pillow/libjpeg version;
the committed files are the reference, so only rerun it to add or change a case.
"""

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent
DEMO = OUT.parents[2] / "assets" / "demo"
BIDEN = DEMO / "fr__biden.jpg"  # public domain (White House photograph)
OBAMA = DEMO / "fr__obama.jpg"  # public domain (White House photograph)


def write(name, data):
    (OUT / name).write_bytes(data)
    print(f"{name:28} {len(data):7} bytes")


def jpeg(img, quality=75, **kw):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, **kw)
    return buf.getvalue()


def synthetic(size=(480, 640)):
    """A flat light-blue 'ID photo' drawing: compresses to almost nothing as PNG."""
    w, h = size
    img = Image.new("RGB", size, (100, 197, 255))
    d = ImageDraw.Draw(img)
    d.ellipse((w * 0.27, h * 0.12, w * 0.73, h * 0.55), fill=(224, 172, 140))
    d.rectangle((w * 0.12, h * 0.62, w * 0.88, h), fill=(40, 40, 40))
    return img


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png16_rgb(w, h):
    """A 16-bit RGB PNG written by hand (Pillow cannot write 16-bit colour PNGs)."""
    rows = []
    for y in range(h):
        band = (y * 4 // h)  # four flat horizontal bands
        r, g, b = [(25700, 50629, 65535), (57568, 44204, 35980), (10280, 10280, 10280), (65535, 65535, 65535)][band]
        rows.append(b"\x00" + struct.pack(">HHH", r, g, b) * w)
    ihdr = struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + png_chunk(b"IEND", b""))


def main():
    biden = Image.open(BIDEN).convert("RGB")
    obama = Image.open(OBAMA).convert("RGB")

    write("empty.jpg", b"")
    write("truncated.jpg", BIDEN.read_bytes()[:3000])

    buf = io.BytesIO()
    synthetic().save(buf, "PNG", optimize=True)
    write("photo.png", buf.getvalue())
    write("png_named.jpg", buf.getvalue())
    write("photo16.png", png16_rgb(480, 640))

    write("greyscale.jpg", jpeg(biden.convert("L")))
    write("grey_pixels_rgb.jpg", jpeg(biden.convert("L").convert("RGB")))
    write("cmyk.jpg", jpeg(obama.convert("CMYK"), quality=50))

    buf = io.BytesIO()
    synthetic((48, 64)).save(buf, "WEBP", quality=80)
    write("photo.webp", buf.getvalue())

    # HEIC: only the ISO-BMFF 'ftyp' box (major brand heic) and an empty 'meta' box header.
    ftyp = b"ftyp" + b"heic" + struct.pack(">I", 0) + b"mif1" + b"heic"
    meta = b"meta" + b"\x00\x00\x00\x00"
    write("photo.heic", struct.pack(">I", 8 + len(ftyp) - 4) + ftyp + struct.pack(">I", 4 + len(meta)) + meta)

    # Decompression-bomb header: a valid 16×16 JPEG whose SOF0 declares 60000×60000.
    small = bytearray(jpeg(synthetic((16, 16)), quality=90))
    sof = small.index(b"\xff\xc0")
    small[sof + 5:sof + 9] = struct.pack(">HH", 60000, 60000)
    write("bomb_60000.jpg", bytes(small))

    # The same for PNG: IHDR declares 60000×60000 RGB (10.8 GB of pixels) over 778 bytes of
    # zlib'd zero rows.
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (1 + 3 * 60000) * 4, 9)
    write("bomb_png_60000.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))

    # A phone-style rotated photo: pixels stored landscape 640×480, EXIF orientation 6
    # (viewers rotate 90° clockwise, so phones show the portrait 480×640).
    exif = Image.Exif()
    exif[0x0112] = 6
    write("rotated_exif6.jpg", jpeg(biden.transpose(Image.Transpose.ROTATE_90), exif=exif.tobytes()))

    exif = Image.Exif()
    exif[0x0131] = "Meitu XiuXiu 9.2.1"
    write("meitu_software.jpg", jpeg(biden, exif=exif.tobytes()))

    write("low_quality_q20.jpg", jpeg(biden, quality=20))
    write("wrong_size_240x320.jpg", jpeg(biden.resize((240, 320), Image.Resampling.LANCZOS)))

    buf = io.BytesIO()
    synthetic((48, 64)).save(buf, "GIF")
    write("photo.gif", buf.getvalue())

    rng = random.Random(20220324)
    noise = bytes(rng.randrange(256) for _ in range(4096))
    assert noise[:2] not in (b"\xff\xd8", b"\x89P", b"GI", b"BM", b"II", b"MM", b"RI")
    write("random_bytes.jpg", noise)


if __name__ == "__main__":
    main()
