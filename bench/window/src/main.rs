// A window with one line of text and nothing else: what any Tauri 2 app costs on this
// machine before its own code runs. bench/app.mjs measures it exactly as it measures the app.
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the minimal window failed to start");
}
