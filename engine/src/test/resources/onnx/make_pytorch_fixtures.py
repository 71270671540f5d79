"""Writes the PyTorch-exported test files next to this script (see SOURCES.md).

Run with Debian's PyTorch 1.13 (apt-get install python3-torch python3-onnx):
    /usr/bin/python3 make_pytorch_fixtures.py
For each opset: tiny_<opset>.onnx (torch.onnx.export, eval mode, dynamic batch axis), and
tiny_<opset>.expected.f32: PyTorch's own output for the input tiny.input.f32 (little-endian float32, NCHW 2x3x16x16).
"""
import os
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


class SqueezeExcite(nn.Module):
    def __init__(self, channels, reduced):
        super().__init__()
        self.fc1 = nn.Conv2d(channels, reduced, 1)
        self.fc2 = nn.Conv2d(reduced, channels, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        return x * torch.sigmoid(self.fc2(F.relu(self.fc1(s))))


class Tiny(nn.Module):
    """Conv+BN+ReLU6, a ShuffleNet V2 unit (chunk, channel shuffle), SE, hard swish, pooling, view, Linear."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(16),
                                  nn.ReLU6(inplace=True))
        self.branch = nn.Sequential(nn.Conv2d(8, 8, 1, bias=False), nn.BatchNorm2d(8), nn.ReLU(inplace=True),
                                    nn.Conv2d(8, 8, 3, padding=1, groups=8, bias=False), nn.BatchNorm2d(8))
        self.se = SqueezeExcite(16, 4)
        self.expand = nn.Conv2d(16, 24, 1)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)
        self.drop = nn.Dropout(0.2)
        self.fc = nn.Linear(24 * 5 * 5, 10)

    def forward(self, x):
        x = self.stem(x)
        left, right = x.chunk(2, dim=1)
        x = torch.cat((left, self.branch(right)), dim=1)
        b, c, h, w = x.size()
        x = x.view(b, 2, c // 2, h, w).transpose(1, 2).contiguous().view(b, -1, h, w)
        x = self.se(x)
        x = F.hardswish(self.expand(x))
        x = self.pool(x)
        x = x.view(x.size(0), -1)
        return self.fc(self.drop(x))


def main():
    torch.manual_seed(0)
    model = Tiny().eval()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
    x = torch.randn(2, 3, 16, 16)
    x.numpy().astype('<f4').tofile(os.path.join(HERE, 'tiny.input.f32'))
    with torch.no_grad():
        y = model(x)
    for opset in (11, 14):
        name = os.path.join(HERE, 'tiny_%d' % opset)
        torch.onnx.export(model, x, name + '.onnx', opset_version=opset, input_names=['image'],
                          output_names=['logits'], dynamic_axes={'image': {0: 'batch'}, 'logits': {0: 'batch'}})
        y.numpy().astype('<f4').tofile(name + '.expected.f32')


if __name__ == '__main__':
    main()
