//! The compliant base photos of the demo set, embedded in the binary.
//!
//! Seven 480×640 JPEGs on the light-blue background RGB(100, 197, 255), quality 90, 300 dpi.
//! Sources and licences: `assets/demo/SOURCES.md`.

use crate::domain::student::Sex;

/// One compliant ID photo shipped with the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasePhoto {
    /// File stem in `assets/demo/`, e.g. `"fr__obama"`.
    pub name: &'static str,
    /// The sex the photo shows, for making a matching demo student.
    pub sex_hint: Option<Sex>,
    /// The JPEG file as shipped.
    pub jpeg: &'static [u8],
}

/// All base photos, in a fixed order.
pub const BASE_PHOTOS: [BasePhoto; 7] = [
    BasePhoto {
        name: "fr__obama",
        sex_hint: Some(Sex::Male),
        jpeg: include_bytes!("../../assets/demo/fr__obama.jpg"),
    },
    BasePhoto {
        name: "fr__biden",
        sex_hint: Some(Sex::Male),
        jpeg: include_bytes!("../../assets/demo/fr__biden.jpg"),
    },
    BasePhoto {
        name: "fr__biden2",
        sex_hint: Some(Sex::Male),
        jpeg: include_bytes!("../../assets/demo/fr__biden2.jpg"),
    },
    BasePhoto {
        name: "hivision__test1",
        sex_hint: Some(Sex::Female),
        jpeg: include_bytes!("../../assets/demo/hivision__test1.jpg"),
    },
    BasePhoto {
        name: "hivision__test2",
        sex_hint: Some(Sex::Female),
        jpeg: include_bytes!("../../assets/demo/hivision__test2.jpg"),
    },
    BasePhoto {
        name: "hivision__test3",
        sex_hint: Some(Sex::Female),
        jpeg: include_bytes!("../../assets/demo/hivision__test3.jpg"),
    },
    BasePhoto {
        name: "skimage__astronaut_eileen_collins",
        sex_hint: Some(Sex::Female),
        jpeg: include_bytes!("../../assets/demo/skimage__astronaut_eileen_collins.jpg"),
    },
];

/// The base photo with this name, if any.
pub fn base_photo(name: &str) -> Option<&'static BasePhoto> {
    BASE_PHOTOS.iter().find(|photo| photo.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_base_photo_is_a_480_by_640_jpeg() {
        for photo in &BASE_PHOTOS {
            assert!(
                photo.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]),
                "{}",
                photo.name
            );
            let img =
                image::load_from_memory_with_format(photo.jpeg, image::ImageFormat::Jpeg).unwrap();
            assert_eq!((img.width(), img.height()), (480, 640), "{}", photo.name);
        }
    }

    #[test]
    fn names_are_unique_and_found() {
        for photo in &BASE_PHOTOS {
            assert_eq!(base_photo(photo.name), Some(photo));
        }
        assert_eq!(base_photo("nobody"), None);
    }
}
