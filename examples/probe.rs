use idphoto_review::checks::face::{FaceModels, analyse};
use idphoto_review::checks::segment::segment;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let rgb = image::open(&a[1]).unwrap().to_rgb8();
    let face = FaceModels::shared().ok().and_then(|m| analyse(m, &rgb).ok()).and_then(|g| g.refined());
    let seg = segment(&rgb, face.as_ref());
    let h = &seg.half;
    for y in [60u32, 90, 120, 150] {
        let row: String = (0..h.width).map(|x| { let i = h.index(x, y); if h.person[i] {'P'} else if h.objects[i] {'O'} else if h.background[i] { if h.lab[i].l < 65.0 {'s'} else {'.'} } else {'?'} }).collect();
        println!("{y:3} {row}");
    }
}
