//! Fonts by role, as official documents use them (仿宋 body, 黑体 and 楷体 headings, 小标宋
//! title, 宋体 page numbers), with per-character fallback: the system's fonts first
//! (Windows and UOS ship SimFang, SimHei, SimKai, SimSun), then open-licence fonts the set-up
//! installs (Noto Serif/Sans CJK, LXGW WenKai). A character no font has is reported, never
//! silently dropped.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use printpdf::ParsedFont;
use rust_fontconfig::FontBytes;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 仿宋: body text.
    Body,
    /// 黑体: first-level headings, table headers.
    Hei,
    /// 楷体: second-level headings, subtitles.
    Kai,
    /// 小标宋: the title.
    Title,
    /// 宋体: page numbers, tables.
    Song,
}

/// A font file, and the face inside it for collections (.ttc).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    file: &'static str,
    index: usize,
}

const fn c(file: &'static str, index: usize) -> Candidate {
    Candidate { file, index }
}

/// Noto CJK collections hold JP, KR, SC, TC, HK in this order; SC first for mainland text,
/// the others only as fallback for rare characters. The package's own SC faces (subset to the
/// 8,231 common characters, a few MB) come before the system's whole collections (26 MB and
/// more a file): the same design, far less to read; a character beyond them falls back to
/// the collection.
const NOTO_SC: usize = 2;

/// The body's 仿宋 faces, as government machines and Windows name their files; the first
/// `FANGSONG` entries of `BODY`.
const FANGSONG: usize = 7;
const BODY: &[Candidate] = &[
    c("仿宋_gb2312.ttf", 0),
    c("fs_gb2312.ttf", 0),
    c("simfang.ttf", 0),
    c("fangsong.ttf", 0),
    c("stfangso.ttf", 0),
    c("fzfsk.ttf", 0),
    c("fzfsjw.ttf", 0),
    // Without a 仿宋, a 宋体-style serif: the closest open face in weight and form.
    c("notoserifcjksc-regular.otf", 0),
    c("notoserifcjk-regular.ttc", NOTO_SC),
];
const HEI: &[Candidate] = &[
    c("simhei.ttf", 0),
    c("notosanscjksc-bold.otf", 0),
    c("notosanscjk-bold.ttc", NOTO_SC),
    c("notosanscjk-regular.ttc", NOTO_SC),
];
const KAI: &[Candidate] = &[
    c("simkai.ttf", 0),
    c("stkaiti.ttf", 0),
    c("lxgwwenkai-regular.ttf", 0),
    c("notoserifcjk-regular.ttc", NOTO_SC),
];
const TITLE: &[Candidate] = &[
    c("fzxbsjw.ttf", 0),
    c("fzxiaobiaosong-b05s.ttf", 0),
    c("notoserifcjksc-bold.otf", 0),
    c("notoserifcjk-bold.ttc", NOTO_SC),
    c("simhei.ttf", 0),
];
const SONG: &[Candidate] = &[
    c("simsun.ttc", 0),
    c("simsun.ttf", 0),
    c("notoserifcjksc-regular.otf", 0),
    c("notoserifcjk-regular.ttc", NOTO_SC),
];

fn candidates(role: Role) -> &'static [Candidate] {
    match role {
        Role::Body => BODY,
        Role::Hei => HEI,
        Role::Kai => KAI,
        Role::Title => TITLE,
        Role::Song => SONG,
    }
}

/// Faces tried for any character the role's own fonts lack.
const FALLBACK: &[Candidate] = &[
    c("notoserifcjk-regular.ttc", NOTO_SC),
    c("notosanscjk-regular.ttc", NOTO_SC),
    c("notoserifcjk-regular.ttc", 3),
    c("notoserifcjk-regular.ttc", 0),
    c("notosanscjk-regular.ttc", 3),
    c("notosanscjk-regular.ttc", 4),
    c("notosanscjk-regular.ttc", 0),
    c("droidsansfallbackfull.ttf", 0),
    c("dejavusans.ttf", 0),
];

pub struct Face {
    pub name: String,
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// The font file (mapped) and the face's index in it, for writing its subset.
    pub(crate) bytes: Arc<FontBytes>,
    pub(crate) index: u32,
}

impl Face {
    pub fn has(&self, ch: char) -> bool {
        self.parsed
            .lookup_glyph_index(ch as u32)
            .is_some_and(|g| g != 0)
    }

    /// Advance width of `ch` at `size` (any unit), 0 when the face lacks it.
    pub fn advance(&self, ch: char, size: f32) -> f32 {
        match self.parsed.lookup_glyph_index(ch as u32) {
            Some(g) => f32::from(self.parsed.get_horizontal_advance(g)) / self.units_per_em * size,
            None => 0.0,
        }
    }
}

pub type FaceId = usize;

/// The fonts found on this machine, loaded on first use and kept for the process.
pub struct FontLibrary {
    files: HashMap<String, PathBuf>,
    faces: Vec<Arc<Face>>,
    loaded: HashMap<(String, usize), Option<FaceId>>,
    bytes: HashMap<String, Arc<FontBytes>>,
    /// What each character was found in and how wide it is (at 1 pt): a font's cmap lookup
    /// is slow, and a 313-page roster asks for the same few thousand characters ~10⁶ times.
    chosen: HashMap<(Role, char), Option<FaceId>>,
    widths: HashMap<(FaceId, char), f32>,
}

/// Where fonts are looked for: `ZHIBU_FONT_DIRS` (colon-separated), the given folders (the
/// app's own), then the system's font folders.
pub fn default_font_dirs(extra: &[PathBuf]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("ZHIBU_FONT_DIRS")
        .map(|v| std::env::split_paths(&v).collect())
        .unwrap_or_default();
    dirs.extend(extra.iter().cloned());
    // The fonts the package carries (/usr/share/zhibu/fonts for /usr/bin in the .deb, a
    // `fonts` folder beside the program on Windows), so that printing works on a machine
    // without Chinese fonts of its own. The role order still prefers a system's 仿宋 etc.
    if let Some(bin) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        dirs.push(bin.join("../share/zhibu/fonts"));
        dirs.push(bin.join("fonts"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
    }
    if let Some(windir) = std::env::var_os("WINDIR").map(PathBuf::from) {
        dirs.push(windir.join("Fonts"));
    }
    for d in [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
        "C:\\Windows\\Fonts",
    ] {
        dirs.push(PathBuf::from(d));
    }
    dirs
}

fn scan(dir: &Path, depth: usize, files: &mut HashMap<String, PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            if depth > 0 {
                scan(&path, depth - 1, files);
            }
        } else if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
            // The first folder in the search order wins.
            files.entry(name.to_lowercase()).or_insert(path);
        }
    }
}

impl FontLibrary {
    pub fn discover(dirs: &[PathBuf]) -> FontLibrary {
        let mut files = HashMap::new();
        for d in dirs {
            scan(d, 4, &mut files);
        }
        FontLibrary {
            files,
            faces: Vec::new(),
            loaded: HashMap::new(),
            bytes: HashMap::new(),
            chosen: HashMap::new(),
            widths: HashMap::new(),
        }
    }

    fn load(&mut self, cand: Candidate) -> Option<FaceId> {
        let key = (cand.file.to_string(), cand.index);
        if let Some(id) = self.loaded.get(&key) {
            return *id;
        }
        let id = self.files.get(cand.file).cloned().and_then(|path| {
            let bytes = match self.bytes.get(cand.file) {
                Some(b) => b.clone(),
                None => {
                    let b = map_font(&path)?;
                    self.bytes.insert(cand.file.to_string(), b.clone());
                    b
                }
            };
            // Parsed over the mapping, without a copy: only the tables read (cmap, hmtx,
            // then the glyphs a print uses) are ever loaded from the file.
            let inner = azul_layout::ParsedFont::from_bytes_shared(
                bytes.clone(),
                cand.index,
                &mut Vec::new(),
            )?;
            let parsed = ParsedFont::from_azul(inner);
            let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
            self.faces.push(Arc::new(Face {
                name: format!("{}#{}", cand.file, cand.index),
                parsed,
                units_per_em,
                bytes,
                index: u32::try_from(cand.index).unwrap_or(0),
            }));
            Some(self.faces.len() - 1)
        });
        self.loaded.insert(key, id);
        id
    }

    /// The role's preferred face present on this machine.
    pub fn primary(&mut self, role: Role) -> Option<FaceId> {
        candidates(role).iter().find_map(|c| self.load(*c))
    }

    /// The face that draws `ch` in `role`: the role's fonts first, then the fallbacks.
    pub fn face_for(&mut self, role: Role, ch: char) -> Option<FaceId> {
        if let Some(found) = self.chosen.get(&(role, ch)) {
            return *found;
        }
        let mut found = None;
        for cand in candidates(role).iter().chain(FALLBACK) {
            if let Some(id) = self.load(*cand) {
                if self.faces[id].has(ch) {
                    found = Some(id);
                    break;
                }
            }
        }
        self.chosen.insert((role, ch), found);
        found
    }

    /// The advance of `ch` in face `id` at `size` (any unit), remembered.
    pub fn advance(&mut self, id: FaceId, ch: char, size: f32) -> f32 {
        let faces = &self.faces;
        *self
            .widths
            .entry((id, ch))
            .or_insert_with(|| faces[id].advance(ch, 1.0))
            * size
    }

    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id]
    }

    /// A sentence for the secretary when the body is not printed in a 仿宋 face, as official
    /// documents ask: which face it used, and how to get one. None when a 仿宋 is installed.
    pub fn body_face_note(&mut self) -> Option<String> {
        if BODY[..FANGSONG].iter().any(|c| self.load(*c).is_some()) {
            return None;
        }
        let used = match self
            .primary(Role::Body)
            .map(|id| self.faces[id].name.clone())
        {
            Some(n) if n.starts_with("notoserif") => "思源宋体（Noto Serif CJK）".to_string(),
            Some(n) => n.split('#').next().unwrap_or_default().to_string(),
            None => return None,
        };
        Some(format!(
            "本机没有仿宋字体，正文用{used}印出。公文正文应为仿宋：请安装“仿宋_GB2312”或“仿宋”（FangSong，Windows 自带的 simfang.ttf）字体后重新打印。"
        ))
    }

    /// Whether the library found any Chinese font at all.
    pub fn has_chinese(&mut self) -> bool {
        self.face_for(Role::Body, '中').is_some()
    }
}

/// A font file mapped into memory rather than read: a system collection is 20–30 MB, of
/// which a print needs a few tables and the glyphs it draws. Read into memory instead when
/// it cannot be mapped.
#[allow(unsafe_code)]
fn map_font(path: &Path) -> Option<Arc<FontBytes>> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: the mapping is read-only and lives as long as the faces parsed from it. A font
    // file changed by another program while we print could show wrong glyphs, as with any
    // font reader; it cannot make us write anywhere. Font files are installed, not edited.
    match unsafe { mmapio::Mmap::map(&file) } {
        Ok(map) => Some(Arc::new(FontBytes::Mmapped(map))),
        Err(_) => std::fs::read(path)
            .ok()
            .map(|b| Arc::new(FontBytes::Owned(Arc::from(b)))),
    }
}
