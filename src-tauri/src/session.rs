//! The open session: which data file the window shows (the secretary's, the demo, or a
//! backup's unpacked copy viewed read-only), the clock, and the automatic backups.
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::{NaiveDate, NaiveDateTime};
use tauri::{AppHandle, Manager};
use zhibu_core::app::AppInfo;
use zhibu_core::backup::{self, Manifest, Verified};
use zhibu_core::{demo, paths, Error, ErrorKind, Result, Store};

/// The open data file; replaced as a whole when the secretary leaves the demo, opens a
/// backup to look at, or restores one.
pub struct Session {
    /// What the window shows: the secretary's file, or a backup's unpacked copy.
    pub store: Store,
    /// The secretary's own data file (also while a backup is shown).
    pub db_path: PathBuf,
    viewing: Option<Viewing>,
}

/// A backup file open for viewing: its verified, unpacked copy lives as long as this does.
struct Viewing {
    backup: PathBuf,
    manifest: Manifest,
    _copy: Verified,
}

pub struct AppState {
    pub session: Mutex<Session>,
    /// Fonts are found on the first printout and kept: loading a CJK font takes a while.
    pub fonts: Mutex<Option<zhibu_typeset::FontLibrary>>,
}

impl AppState {
    pub fn new(session: Session) -> Self {
        AppState {
            session: Mutex::new(session),
            fonts: Mutex::new(None),
        }
    }
}

/// The shell is the one place that reads the clock; the core is handed the date.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// A poisoned lock means a command panicked halfway; only a restart is safe.
pub fn lock_failed() -> Error {
    Error::new(ErrorKind::Internal, "程序内部状态异常，请重新启动")
}

/// The open session, for reading.
/// Runs `f` with the font library, finding the fonts on first use; kept for the next print.
pub fn with_fonts<T>(
    state: &AppState,
    f: impl FnOnce(&mut zhibu_typeset::FontLibrary) -> Result<T>,
) -> Result<T> {
    let mut guard = state.fonts.lock().map_err(|_| lock_failed())?;
    let fonts = guard.get_or_insert_with(|| {
        zhibu_typeset::FontLibrary::discover(&zhibu_typeset::fonts::default_font_dirs(&[]))
    });
    f(fonts)
}

pub fn store(state: &AppState) -> Result<MutexGuard<'_, Session>> {
    state.session.lock().map_err(|_| lock_failed())
}

/// The open session, for a change: refused while a backup is being looked at, since that
/// is a throwaway copy and a change there would silently vanish.
pub fn writable(state: &AppState) -> Result<MutexGuard<'_, Session>> {
    let s = store(state)?;
    if s.store.path().is_none() {
        return Err(Error::new(
            ErrorKind::Io,
            "数据文件未能重新打开，为免修改丢失，现在不能修改。请关闭并重新启动程序",
        ));
    }
    if s.is_viewing() {
        return Err(Error::new(
            ErrorKind::Invalid,
            "正在只读查看备份文件，不能修改。要修改，请先点上方的“退出查看”回到本支部的数据",
        ));
    }
    Ok(s)
}

/// The data file: `--db FILE` or `ZHIBU_DB`, else the secretary's file in the app-data
/// folder; while that does not exist yet, a separate demo file filled with the demo branch.
fn open_data_file() -> Result<(Store, PathBuf)> {
    let args: Vec<String> = std::env::args().collect();
    let explicit = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("ZHIBU_DB").map(PathBuf::from));
    if let Some(path) = explicit {
        // A file that exists must be ours: another program's database is never adopted.
        let store = if path.exists() {
            Store::open_existing(&path)?
        } else {
            Store::open(&path)?
        };
        return Ok((store, path));
    }
    let path =
        paths::for_viewing().ok_or_else(|| Error::new(ErrorKind::Io, "找不到程序数据目录"))?;
    let mut store = Store::open(&path)?;
    // Before the secretary has a file of their own, the demo file is filled on first start.
    if Some(&path) == paths::demo_db().as_ref() && store.is_empty()? {
        demo::fill(&mut store, today())?;
    }
    Ok((store, path))
}

impl Session {
    pub fn open() -> Result<Session> {
        let (store, db_path) = open_data_file()?;
        // Plaintext left by a program killed mid-export or mid-verify goes at start.
        zhibu_core::private::clean_near(&db_path);
        Ok(Session {
            store,
            db_path,
            viewing: None,
        })
    }

    pub fn is_viewing(&self) -> bool {
        self.viewing.is_some()
    }

    /// For what a viewed backup cannot do (export it, open another, restore over it).
    pub fn not_viewing(&self) -> Result<()> {
        if self.is_viewing() {
            return Err(Error::new(
                ErrorKind::Invalid,
                "正在只读查看备份文件，请先点上方的“退出查看”",
            ));
        }
        Ok(())
    }

    /// What the window shows about the open file; while a backup is viewed, that backup.
    pub fn app_info(&self) -> Result<AppInfo> {
        let mut info = self
            .store
            .app_info(&self.db_path, today(), env!("CARGO_PKG_VERSION"))?;
        if let Some(v) = &self.viewing {
            info.db_path = v.backup.display().to_string();
            info.viewing = Some(v.manifest.clone());
        }
        Ok(info)
    }

    /// Shows a verified backup's unpacked copy (`copy`, opened on it) instead of the
    /// secretary's file.
    pub fn view_backup(&mut self, backup: PathBuf, verified: Verified, copy: Store) -> Result<()> {
        self.not_viewing()?;
        // The secretary's file is closed while the backup is shown: back it up first.
        self.auto_backup(true);
        self.store = copy;
        self.viewing = Some(Viewing {
            backup,
            manifest: verified.manifest.clone(),
            _copy: verified,
        });
        Ok(())
    }

    /// Back from a backup to the secretary's own data.
    pub fn close_backup(&mut self) -> Result<()> {
        if self.viewing.is_some() {
            // The copy's store closes before its files are removed.
            self.store = Store::open_existing(&self.db_path)?;
            self.viewing = None;
        }
        Ok(())
    }

    /// Replaces the file at `target` with a backup and goes on with it; the previous file
    /// kept beside it, if there was one.
    pub fn restore(
        &mut self,
        target: PathBuf,
        backup_file: &Path,
        passphrase: Option<&str>,
    ) -> Result<Option<backup::Kept>> {
        // The open connection is closed first: a damaged file under it is renamed aside.
        self.store = Store::open_in_memory()?;
        let result = backup::restore(&target, backup_file, passphrase, now());
        // Whatever happened, the window goes on with the file now at the target, or with the
        // untouched previous one.
        let reopen = if result.is_ok() {
            &target
        } else {
            &self.db_path
        };
        // Never a new empty file: if the file cannot be opened, the window stays on the
        // empty placeholder, which `writable` refuses, so no edit is silently lost.
        self.store = Store::open_existing(reopen)?;
        if result.is_ok() {
            self.db_path = target;
        }
        result
    }

    /// Refuses an output onto the secretary's data file (or its automatic backups) — also
    /// while a backup is viewed, when the open store is the backup's copy.
    pub fn check_output(&self, out: &Path) -> Result<()> {
        self.store.check_output(out)?;
        zhibu_core::fsio::refuse_onto_data(out, &self.db_path)
    }

    /// Where the automatic backups of the secretary's file live.
    pub fn backup_dir(&self) -> Option<PathBuf> {
        self.db_path
            .parent()
            .map(|d| d.join(zhibu_core::fsio::AUTO_BACKUP_FOLDER))
    }

    /// Backs up the secretary's file when it changed (never the demo, never a backup being
    /// looked at: that one was backed up before it was opened).
    pub fn auto_backup(&self, on_exit: bool) {
        if self.viewing.is_some() || self.store.is_demo().unwrap_or(true) {
            return;
        }
        let Some(dir) = self.backup_dir() else {
            return;
        };
        if let Err(e) = self
            .store
            .auto_backup(&dir, now(), on_exit, env!("CARGO_PKG_VERSION"))
        {
            // The message names the failure, never the data.
            eprintln!("自动备份失败：{}", e.message);
        }
    }
}

/// The automatic backup at start and at exit: once a day while in use, and on exit when
/// something changed.
pub fn auto_backup(app: &AppHandle, on_exit: bool) {
    let state = app.state::<AppState>();
    let Ok(mut session) = state.session.lock() else {
        return;
    };
    session.auto_backup(on_exit);
    if on_exit {
        // Tauri exits without dropping its state: a viewed backup's decrypted copy is removed
        // here rather than left in the private folder until the next start.
        let _ = session.close_backup();
    }
}
