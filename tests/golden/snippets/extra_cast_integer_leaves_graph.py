# A cast to an integer or bool dtype leaves the graph: no grad_fn, requires_grad=False.
import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
casts = {
    "long()": lambda t: t.long(), "int()": lambda t: t.int(), "bool()": lambda t: t.bool(),
    "to(int64)": lambda t: t.to(torch.int64), "to(dtype=int32)": lambda t: t.to(dtype=torch.int32),
    "to(cpu, int64)": lambda t: t.to("cpu", torch.int64), "to(bool)": lambda t: t.to(torch.bool),
    "type(int32)": lambda t: t.type(torch.int32), "type(str)": lambda t: t.type("torch.LongTensor"),
    "type_as(int)": lambda t: t.type_as(torch.tensor([1])), "(t*2).long()": lambda t: (t * 2).long(),
}
for name, cast in casts.items():
    out = cast(x)
    print(f"{name:16s} {out.tolist()} {out.dtype} {out.requires_grad} {out.grad_fn} {out.is_leaf}")
