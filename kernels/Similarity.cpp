#include "kernels/Similarity.h"

namespace fan::kernels {

at::Tensor cosineSimilarity(const at::Tensor& rows, const at::Tensor& query) {
  TORCH_CHECK(rows.dim() == 2 && query.dim() == 1 && rows.size(1) == query.size(0),
              "cosineSimilarity: expected rows N x D and query D, got ", rows.sizes(), " and ", query.sizes());
  // Half types accumulate badly over long rows: compute in float32 unless given float64.
  const auto dtype = rows.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
  const at::Tensor r = rows.to(dtype).contiguous();
  const at::Tensor q = query.to(dtype).contiguous();
  const at::Tensor dots = at::mv(r, q);
  const at::Tensor norms = r.norm(2, 1) * q.norm();
  return at::where(norms > 0, dots / norms.clamp_min(1e-30), at::zeros_like(dots));
}

}  // namespace fan::kernels
