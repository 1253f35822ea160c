#!/usr/bin/python3
"""Same-machine reference for the CLIP-L text-encode benchmark (tests/bench/EncoderBench.cpp).

PyTorch eager with the op sequence of transformers 4.31's CLIPTextModel (separate q/k/v
projections, q scaled before bmm, additive causal mask, softmax, quick_gelu MLP, final layer
norm, argmax pooling), random weights. It runs on Debian's python3-torch, the same LibTorch
build and OpenBLAS that FAN Studio links, so the ratio isolates our code from the machine.
Not part of the build or the tests: `python3 tests/bench/reference/clip_text_eager.py [THREADS]`.
"""
import json
import statistics
import sys
import time

import torch

HIDDEN, FFN, LAYERS, HEADS, TOKENS, VOCAB = 768, 3072, 12, 12, 77, 49408


class Layer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = torch.nn.LayerNorm(HIDDEN), torch.nn.LayerNorm(HIDDEN)
        self.q, self.k, self.v, self.o = (torch.nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
        self.fc1, self.fc2 = torch.nn.Linear(HIDDEN, FFN), torch.nn.Linear(FFN, HIDDEN)

    def forward(self, x, mask):
        b, n, _ = x.shape
        head = HIDDEN // HEADS
        h = self.ln1(x)

        def split(t):
            return t.view(b, n, HEADS, head).transpose(1, 2).reshape(b * HEADS, n, head)

        q, k, v = split(self.q(h) * head ** -0.5), split(self.k(h)), split(self.v(h))
        w = torch.bmm(q, k.transpose(1, 2)).view(b, HEADS, n, n) + mask
        a = torch.bmm(w.view(b * HEADS, n, n).softmax(-1), v)
        x = x + self.o(a.view(b, HEADS, n, head).transpose(1, 2).reshape(b, n, HIDDEN))
        m = self.fc1(self.ln2(x))
        return x + self.fc2(m * torch.sigmoid(1.702 * m))


class ClipText(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.tokens, self.positions = torch.nn.Embedding(VOCAB, HIDDEN), torch.nn.Embedding(TOKENS, HIDDEN)
        self.layers = torch.nn.ModuleList(Layer() for _ in range(LAYERS))
        self.final = torch.nn.LayerNorm(HIDDEN)

    def forward(self, ids):
        n = ids.shape[1]
        x = self.tokens(ids) + self.positions(torch.arange(n))
        mask = torch.full((n, n), torch.finfo(torch.float32).min).triu(1)[None, None]
        for layer in self.layers:
            x = layer(x, mask)
        x = self.final(x)
        return x, x[torch.arange(x.shape[0]), ids.argmax(-1)]


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = ClipText().eval()
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0, 0.02)
        for batch in (1, 10):
            ids = torch.randint(1, VOCAB - 1, (batch, TOKENS))
            model(ids)  # warm-up
            runs = []
            for _ in range(7):
                start = time.perf_counter()
                model(ids)
                runs.append((time.perf_counter() - start) * 1e3)
            print(json.dumps({"case": f"clip-l_b{batch}", "threads": threads, "torch": torch.__version__,
                              "median_ms": round(statistics.median(runs), 1),
                              "runs_ms": [round(r, 1) for r in runs]}))


if __name__ == "__main__":
    main()
