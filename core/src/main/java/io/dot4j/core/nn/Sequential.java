package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;

import java.util.ArrayList;
import java.util.List;

/**
 * Modules applied one after another. Children are named by the caller ({@code add("conv1", ...)}) or by their
 * position ("0", "1", ...), and those names are the first component of the parameter paths.
 */
public class Sequential extends Module {
    private final List<String> order = new ArrayList<>();

    public Sequential() {
    }

    /** Children named "0", "1", ... */
    @SuppressWarnings("this-escape") // registering state in the constructor is the Module design
    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a layer named by its position. */
    public Sequential add(Module layer) {
        return add(Integer.toString(order.size()), layer);
    }

    /** Appends a named layer. */
    public Sequential add(String name, Module layer) {
        addChild(name, layer);
        order.add(name);
        return this;
    }

    /** Layer names in application order. */
    public List<String> names() {
        return List.copyOf(order);
    }

    public int size() {
        return order.size();
    }

    /** The layer at a position (after any {@link #replaceChild}). */
    public Module get(int index) {
        return child(order.get(index));
    }

    @Override
    public Variable forward(Variable x) {
        Variable h = x;
        for (String name : order) {
            h = child(name).forward(h);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(");
        for (String name : order) {
            sb.append("\n  ").append(name).append(": ").append(child(name));
        }
        return sb.append(order.isEmpty() ? ")" : "\n)").toString();
    }
}
