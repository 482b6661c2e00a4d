// dot4j building block (Verilog-2005). Streams are valid/ready: a word moves on a clock edge where
// valid and ready are both high.
// Two-entry skid buffer: full throughput, and in_ready is a register, so the ready path stops here.
module d4j_skid #(
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
    reg [WIDTH-1:0] main_d, spare_d;
    reg             main_v, spare_v;
    assign in_ready  = !spare_v;
    assign out_valid = main_v;
    assign out_data  = main_d;
    always @(posedge clk) begin
        if (rst) begin
            main_v  <= 1'b0;
            spare_v <= 1'b0;
        end else if (out_ready || !main_v) begin
            if (spare_v) begin
                main_d  <= spare_d;
                main_v  <= 1'b1;
                spare_v <= 1'b0;
            end else begin
                main_d <= in_data;
                main_v <= in_valid;
            end
        end else if (in_valid && !spare_v) begin
            spare_d <= in_data;
            spare_v <= 1'b1;
        end
    end
endmodule
