//! A small PDF document builder over `pdf-writer`: pages measured in millimetres from the top
//! left, one embedded font (the CJK subset), JPEG photos passed through unchanged (no
//! re-encoding, so the print is the approved upload), compressed content streams.

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};

use super::ProductionError;
use super::pdf_font::PdfFont;

/// Points per millimetre (PDF user space is 1/72 inch).
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// Millimetres as PDF points.
pub fn pt(mm: f64) -> f32 {
    (mm * PT_PER_MM) as f32
}

const FONT_NAME: Name<'static> = Name(b"F1");

/// A page being drawn: its content and the photos it shows.
pub struct Page {
    pub content: Content,
    height_mm: f64,
    width_mm: f64,
    images: Vec<(String, Ref)>,
}

impl Page {
    /// An empty page of `width_mm` × `height_mm`.
    pub fn new(width_mm: f64, height_mm: f64) -> Self {
        Self {
            content: Content::new(),
            width_mm,
            height_mm,
            images: Vec::new(),
        }
    }

    /// A point `(x, y)` in mm from the top left, as PDF coordinates.
    pub fn at(&self, x_mm: f64, y_mm: f64) -> (f32, f32) {
        (pt(x_mm), pt(self.height_mm - y_mm))
    }

    /// Draws `image` so that the pixel window `crop` fills the box `(left, top, width, height)`
    /// in mm, clipped to the box. `crop` and the box have the same ratio, so nothing is
    /// stretched.
    pub fn photo(
        &mut self,
        image: &PlacedImage,
        (left, top, width, height): (f64, f64, f64, f64),
        crop: crate::domain::production::CropBox,
    ) {
        let name = format!("Im{}", image.xobject.get());
        if !self.images.iter().any(|(n, _)| *n == name) {
            self.images.push((name.clone(), image.xobject));
        }
        let mm_per_px = width / crop.w;
        let (box_x, box_y) = self.at(left, top + height);
        let img_w = f64::from(image.width) * mm_per_px;
        let img_h = f64::from(image.height) * mm_per_px;
        let img_left = left - crop.x * mm_per_px;
        let img_top = top - crop.y * mm_per_px;
        let (img_x, img_y) = self.at(img_left, img_top + img_h);
        let content = &mut self.content;
        content.save_state();
        content.rect(box_x, box_y, pt(width), pt(height));
        content.clip_nonzero();
        content.end_path();
        content.transform([pt(img_w), 0.0, 0.0, pt(img_h), img_x, img_y]);
        content.x_object(Name(name.as_bytes()));
        content.restore_state();
    }

    /// A straight line between two points in mm, `width_mm` thick.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), width_mm: f64) {
        let (x1, y1) = self.at(from.0, from.1);
        let (x2, y2) = self.at(to.0, to.1);
        self.content.set_line_width(pt(width_mm));
        self.content.move_to(x1, y1);
        self.content.line_to(x2, y2);
        self.content.stroke();
    }
}

/// A JPEG written once into the document, drawn by any number of pages.
#[derive(Debug, Clone, Copy)]
pub struct PlacedImage {
    xobject: Ref,
    pub width: u32,
    pub height: u32,
}

/// Builds one PDF file.
pub struct DocBuilder {
    pdf: Pdf,
    next: Ref,
    tree: Ref,
    font_ref: Ref,
    pages: Vec<Ref>,
    pub font: PdfFont,
}

impl DocBuilder {
    pub fn new(title: &str) -> Result<Self, ProductionError> {
        let mut pdf = Pdf::new();
        let (catalog, tree, font_ref, info) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
        pdf.catalog(catalog).pages(tree);
        let mut doc = pdf.document_info(info);
        doc.title(pdf_writer::TextStr(title));
        doc.producer(pdf_writer::TextStr("idphoto-review"));
        doc.finish();
        Ok(Self {
            pdf,
            next: Ref::new(5),
            tree,
            font_ref,
            pages: Vec::new(),
            font: PdfFont::new()?,
        })
    }

    fn alloc(&mut self) -> Ref {
        let r = self.next;
        self.next = Ref::new(r.get() + 1);
        r
    }

    /// Writes a JPEG as an image the pages can draw. `components` is 1 (grey) or 3 (colour).
    pub fn jpeg(&mut self, bytes: &[u8], width: u32, height: u32, components: u8) -> PlacedImage {
        let id = self.alloc();
        let mut img = self.pdf.image_xobject(id, bytes);
        img.filter(Filter::DctDecode);
        img.width(i32::try_from(width).unwrap_or(i32::MAX));
        img.height(i32::try_from(height).unwrap_or(i32::MAX));
        if components == 1 {
            img.color_space().device_gray();
        } else {
            img.color_space().device_rgb();
        }
        img.bits_per_component(8);
        img.finish();
        PlacedImage {
            xobject: id,
            width,
            height,
        }
    }

    /// Writes `text` with its baseline starting at `(x, y)` mm, the em `size_mm` high.
    pub fn text(&mut self, page: &mut Page, (x, y): (f64, f64), size_mm: f64, text: &str) {
        let encoded = self.font.encode(text);
        let (px, py) = page.at(x, y);
        let c = &mut page.content;
        c.begin_text();
        c.set_font(FONT_NAME, pt(size_mm));
        c.next_line(px, py);
        c.show(Str(&encoded));
        c.end_text();
    }

    /// Like [`DocBuilder::text`], shrunk (down to 60 %) to fit `max_w_mm`, and cut with `…`
    /// when even that is too wide.
    pub fn text_fit(
        &mut self,
        page: &mut Page,
        at: (f64, f64),
        size_mm: f64,
        max_w_mm: f64,
        text: &str,
    ) {
        let width = |s: &str, size: f64| self.font.width_em(s) * size;
        let mut size = size_mm;
        if width(text, size) > max_w_mm {
            size = (max_w_mm / self.font.width_em(text)).max(size_mm * 0.6);
        }
        let mut shown: String = text.to_owned();
        while width(&shown, size) > max_w_mm && shown.chars().count() > 1 {
            shown.pop();
            shown.pop();
            shown.push('…');
        }
        self.text(page, at, size, &shown);
    }

    /// Adds a finished page.
    pub fn push(&mut self, page: Page) {
        let (page_id, content_id) = (self.alloc(), self.alloc());
        let packed = super::deflate(&page.content.finish());
        self.pdf
            .stream(content_id, &packed)
            .filter(Filter::FlateDecode);
        let mut p = self.pdf.page(page_id);
        p.parent(self.tree);
        p.media_box(Rect::new(0.0, 0.0, pt(page.width_mm), pt(page.height_mm)));
        p.contents(content_id);
        let mut res = p.resources();
        res.fonts().pair(FONT_NAME, self.font_ref);
        let mut xobjects = res.x_objects();
        for (name, id) in &page.images {
            xobjects.pair(Name(name.as_bytes()), *id);
        }
        xobjects.finish();
        res.finish();
        p.finish();
        self.pages.push(page_id);
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The finished PDF, with the font subset of every glyph drawn.
    pub fn finish(mut self) -> Result<(Vec<u8>, Vec<char>), ProductionError> {
        let count = i32::try_from(self.pages.len()).unwrap_or(i32::MAX);
        self.pdf
            .pages(self.tree)
            .kids(self.pages.iter().copied())
            .count(count);
        let mut next = self.next;
        self.font.write(&mut self.pdf, self.font_ref, &mut next)?;
        let missing = self.font.missing().iter().copied().collect();
        Ok((self.pdf.finish(), missing))
    }
}
