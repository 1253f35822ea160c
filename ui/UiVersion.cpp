// Anchors fan_ui while its widgets are being written (an empty static library is not allowed).
namespace fan::ui { int uiLibraryVersion() { return 1; } }
