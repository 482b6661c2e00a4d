// dot4j building block (Verilog-2005). Streams are valid/ready: a word moves on a clock edge where
// valid and ready are both high.
// One-entry register slice: in_ready is a register (the ready path stops here), at most one word every two cycles,
// which is all a layer that takes two or more cycles per word needs; half the flip-flops of d4j_skid.
module d4j_slice #(
    parameter WIDTH = 8
) (
    input  wire             clk,
    input  wire             rst,
    input  wire             in_valid,
    output wire             in_ready,
    input  wire [WIDTH-1:0] in_data,
    output wire             out_valid,
    input  wire             out_ready,
    output wire [WIDTH-1:0] out_data
);
    reg [WIDTH-1:0] data;
    reg             full;
    assign in_ready  = !full;
    assign out_valid = full;
    assign out_data  = data;
    always @(posedge clk) begin
        if (rst) begin
            full <= 1'b0;
        end else if (full) begin
            if (out_ready) full <= 1'b0;
        end else if (in_valid) begin
            full <= 1'b1;
        end
    end
    always @(posedge clk) if (!full && in_valid) data <= in_data;
endmodule
