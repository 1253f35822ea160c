#include "core/demo/ImageJudge.h"

#include "core/demo/DemoJudge.h"

#include <QFile>

namespace fan::demo {

ImageScore scoreJudged(const Attributes& named, const Attributes& preferred, const Attributes& judged) {
  ImageScore score;
  score.faithful = (!named.shape || named.shape == judged.shape) && (!named.colour || named.colour == judged.colour) &&
                   (!named.background || named.background == judged.background) &&
                   (!named.pattern || named.pattern == judged.pattern);
  int wanted = 0, shown = 0;
  auto count = [&](const auto& nameSlot, const auto& want, const auto& got) {
    if (nameSlot || !want) return;  // the target decides what it names
    ++wanted;
    shown += want == got;
  };
  count(named.shape, preferred.shape, judged.shape);
  count(named.colour, preferred.colour, judged.colour);
  count(named.background, preferred.background, judged.background);
  count(named.pattern, preferred.pattern, judged.pattern);
  if (wanted > 0) score.alignment = double(shown) / wanted;
  return score;
}

std::unique_ptr<ImageJudge> ImageJudge::forModel(const QString& modelDir) {
  const QString file = modelDir + QStringLiteral("/judge/judge.safetensors");
  if (!QFile::exists(file)) return nullptr;
  return std::unique_ptr<ImageJudge>(new ImageJudge(std::make_unique<Judge>(Judge::load(file))));
}

ImageJudge::ImageJudge(std::unique_ptr<Judge> judge) : judge_(std::move(judge)) {}
ImageJudge::~ImageJudge() = default;

std::optional<Attributes> ImageJudge::judge(const QImage& image) const {
  if (image.width() != kImageSize || image.height() != kImageSize) return std::nullopt;
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  torch::Tensor pixels = torch::empty({kImageSize, kImageSize, 3}, torch::kUInt8);
  for (int y = 0; y < kImageSize; ++y)
    std::memcpy(pixels[y].data_ptr<uint8_t>(), rgb.constScanLine(y), size_t(3 * kImageSize));
  const torch::Tensor batch = pixels.permute({2, 0, 1}).unsqueeze(0).to(torch::kFloat) / 255.0;
  return judge_->judge(batch).at(0);
}

}  // namespace fan::demo
