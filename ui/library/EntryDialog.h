// Adding or editing one history entry: prompt, negative prompt, rating, weight override, tags
// and an image (chosen with a file dialog or dropped onto the dialog).
#pragma once

#include "core/store/StoreTypes.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QMimeData;
class QPushButton;

namespace fan::ui {

// What the dialog produced. The image is unchanged unless imageFile is set (attach that file)
// or removeImage is true.
struct EntryDraft {
  QString prompt;
  QString negative;
  std::optional<int> rating;
  std::optional<double> weight;
  QStringList tags;
  QString imageFile;
  bool removeImage = false;
};

class EntryDialog : public QDialog {
  Q_OBJECT
 public:
  // `knownTags` feed the tag completer.
  explicit EntryDialog(const QStringList& knownTags, QWidget* parent = nullptr);

  // Fills the fields from an existing entry (edit mode); `imagePath` is its stored image file.
  void setEntry(const HistoryEntry& entry, const QString& imagePath);
  void setImageFile(const QString& path);  // as if chosen in the file dialog
  EntryDraft draft() const;

  // The fields, for tests and accessibility tools.
  QPlainTextEdit* promptEdit() const { return prompt_; }
  QPlainTextEdit* negativeEdit() const { return negative_; }
  QComboBox* ratingBox() const { return rating_; }
  QCheckBox* weightOverride() const { return overrideWeight_; }
  QDoubleSpinBox* weightBox() const { return weight_; }
  QLineEdit* tagsEdit() const { return tags_; }

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void chooseImage();
  void showImage(const QString& path);
  void updateState();

  QPlainTextEdit* prompt_;
  QPlainTextEdit* negative_;
  QComboBox* rating_;
  QCheckBox* overrideWeight_;
  QDoubleSpinBox* weight_;
  QLabel* automaticWeight_;
  QLineEdit* tags_;
  QLabel* imagePreview_;
  QPushButton* removeImage_;
  QDialogButtonBox* buttons_;
  QString imageFile_;
  bool hadImage_ = false;
  bool removeImageRequested_ = false;
};

// The first local image file among dropped URLs, or an empty string.
QString droppedImageFile(const QMimeData* mime);
// The filter string for image file dialogs ("Images (*.png *.jpg ...)").
QString imageFileFilter();

}  // namespace fan::ui
