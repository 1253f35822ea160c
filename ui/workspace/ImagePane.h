// One generated image with its actions: enlarge on click, save as PNG with its parameters,
// copy, rate 1-5 (stored in the profile's history) and "I prefer this one".
#pragma once

#include "core/pipelines/PngParameters.h"

#include <QImage>
#include <QWidget>

#include <array>

class QLabel;
class QPushButton;
class QToolButton;

namespace fan::ui {

class ImagePane : public QWidget {
  Q_OBJECT
 public:
  ImagePane(const QString& title, QWidget* parent = nullptr);

  void setImage(const QImage& image, const ImageParameters& parameters);
  void setPreview(const QImage& preview);  // a live step preview (not saved or rated)
  void clear();
  void setRatingEnabled(bool on, const QString& whyNot = {});
  void showRating(int stars);  // marks the stored rating

  const QImage& image() const { return image_; }
  const ImageParameters& parameters() const { return parameters_; }
  QToolButton* rateButton(int stars) const { return rate_[size_t(stars - 1)]; }
  QPushButton* preferButton() const { return prefer_; }

  // Writes the image with its "parameters" text; shows a message on failure. Returns success.
  bool saveTo(const QString& path);

 Q_SIGNALS:
  void rated(int stars);
  void preferred();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void showScaled(const QImage& image);
  void enlarge();
  void save();

  QLabel* title_;
  QLabel* view_;
  QImage image_;
  QImage shown_;
  ImageParameters parameters_;
  QPushButton* save_;
  QPushButton* copy_;
  std::array<QToolButton*, 5> rate_{};
  QPushButton* prefer_;
};

}  // namespace fan::ui
