//! `PRelu` for the ONNX loader in as few element-wise passes as `tract` can run vectorised.
//!
//! `tract-onnx` expands `PRelu(x, slope)` into `x > 0 ? x : slope·x`: a comparison that writes
//! a boolean tensor, a multiplication and a select. Face Mesh has 23 of them (with negative
//! slopes too), and the comparison and the select took a quarter of its run time. Ours:
//! - when every slope of the layer is at most 1, `max(x, slope·x)` (for x ≥ 0 the product is
//!   no larger than x, for x < 0 no smaller), and when every one is at least 1, the `min`:
//!   a multiplication and a two-input clamp (42 of Iris' 53 layers, 17 of Face Mesh's 23);
//! - otherwise `max(x, 0) + slope·min(x, 0)`: two clamps against zero, a multiplication and
//!   an addition, which `tract` fuses into two chains.
//!
//! The first form took the `PRelu` share of an Iris run from 1.09 to about 0.74 ms (a
//! per-node profile, 2026-12-04); the model tests compare both with `tract`'s own expansion.

use tract_hir::internal::{
    AxisOp, Expansion, InferenceOp, InferenceResult, OutletId, Solver, SpecialOps, StaticName,
    TVec, Tensor, TensorProxy, TractResult, TypedModel, TypedOp, check_input_arity,
    check_output_arity, expand, tensor0,
};
use tract_onnx::model::{Onnx, ParsingContext};
use tract_onnx::pb::NodeProto;

/// Registers the rewrite with `onnx` (replacing the built-in `PRelu`).
pub fn register(onnx: &mut Onnx) {
    onnx.op_register.insert("PRelu", build);
}

#[allow(clippy::unnecessary_wraps)] // the loader's builder signature
fn build(
    _ctx: &ParsingContext,
    _node: &NodeProto,
) -> TractResult<(Box<dyn InferenceOp>, Vec<String>)> {
    Ok((expand(PreluAsMax), vec![]))
}

#[derive(Debug, Clone, Hash)]
struct PreluAsMax;

impl Expansion for PreluAsMax {
    fn name(&self) -> StaticName {
        "PreluAsMax".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 2)?;
        check_output_arity(outputs, 1)?;
        s.equals(&inputs[0].datum_type, &outputs[0].datum_type)?;
        s.equals(&inputs[0].shape, &outputs[0].shape)?;
        Ok(())
    }

    fn wire(
        &self,
        name: &str,
        model: &mut TypedModel,
        inputs: &[OutletId],
    ) -> TractResult<TVec<OutletId>> {
        let x = inputs[0];
        let mut slope = inputs[1];
        let rank = model.outlet_fact(x)?.rank();
        while model.outlet_fact(slope)?.rank() < rank {
            let axis = model.outlet_fact(slope)?.rank();
            slope =
                model.wire_node(format!("{name}.add-axis-{axis}"), AxisOp::Add(0), &[slope])?[0];
        }
        // With every slope at most 1, PRelu(x) = max(x, slope·x): for x ≥ 0 the product is no
        // larger than x, for x < 0 no smaller. With every slope at least 1, it is the min.
        if let Some(pick) = one_sided(model.outlet_fact(slope)?.konst.as_deref()) {
            let scaled = model.wire_node(
                format!("{name}.mul"),
                tract_hir::ops::math::mul(),
                &[x, slope],
            )?[0];
            return model.wire_node(format!("{name}.pick"), pick, &[x, scaled]);
        }
        let zero = tensor0(0.0)
            .cast_to_dt(model.outlet_fact(x)?.datum_type)?
            .into_owned()
            .broadcast_into_rank(rank)?;
        let zero = model.add_const(format!("{name}.zero"), zero)?;
        let positive = model.wire_node(
            format!("{name}.relu"),
            tract_hir::ops::math::max(),
            &[x, zero],
        )?[0];
        let negative = model.wire_node(
            format!("{name}.min"),
            tract_hir::ops::math::min(),
            &[x, zero],
        )?[0];
        let scaled = model.wire_node(
            format!("{name}.mul"),
            tract_hir::ops::math::mul(),
            &[negative, slope],
        )?[0];
        model.wire_node(
            format!("{name}.add"),
            tract_hir::ops::math::add(),
            &[positive, scaled],
        )
    }
}

/// `max` when every slope of a constant `slope` is at most 1, `min` when every one is at least
/// 1 (see `PreluAsMax::wire`); `None` for mixed or unknown slopes.
fn one_sided(slope: Option<&Tensor>) -> Option<Box<dyn TypedOp>> {
    let slope = slope?.cast_to::<f32>().ok()?;
    let values = slope.to_plain_array_view::<f32>().ok()?;
    if values.iter().all(|s| *s <= 1.0) {
        Some(Box::new(tract_hir::ops::math::max()))
    } else if values.iter().all(|s| *s >= 1.0) {
        Some(Box::new(tract_hir::ops::math::min()))
    } else {
        None
    }
}
