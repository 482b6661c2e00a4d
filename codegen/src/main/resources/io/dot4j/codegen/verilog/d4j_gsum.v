// dot4j building block (Verilog-2005). Streams are valid/ready: a word moves on a clock edge where
// valid and ready are both high.
// Global sum pooling: per channel, the sum of N = H*W levels of B bits into OB bits; one word per image.
module d4j_gsum #(
    parameter N  = 4,
    parameter C  = 1,
    parameter B  = 2,
    parameter OB = 4
) (
    input  wire            clk,
    input  wire            rst,
    input  wire            in_valid,
    output wire            in_ready,
    input  wire [C*B-1:0]  in_data,
    output reg             out_valid,
    input  wire            out_ready,
    output reg  [C*OB-1:0] out_data
);
    localparam NW = N > 1 ? $clog2(N) : 1;
    localparam [31:0] N_LAST32 = N - 1;
    localparam [NW-1:0] N_LAST = N_LAST32[NW-1:0];
    reg [NW-1:0] count;
    assign in_ready = !out_valid;
    wire take = in_valid && !out_valid;
    genvar c;
    generate
        for (c = 0; c < C; c = c + 1) begin : g_channel
            wire [OB-1:0] level = {{(OB-B){1'b0}}, in_data[c*B +: B]};
            always @(posedge clk) begin
                if (take) out_data[c*OB +: OB] <= (count == {NW{1'b0}} ? {OB{1'b0}} : out_data[c*OB +: OB]) + level;
            end
        end
    endgenerate
    always @(posedge clk) begin
        if (rst) begin
            count <= {NW{1'b0}};
            out_valid <= 1'b0;
        end else if (take) begin
            count <= count == N_LAST ? {NW{1'b0}} : count + 1'b1;
            out_valid <= count == N_LAST;
        end else if (out_ready) begin
            out_valid <= 1'b0;
        end
    end
endmodule
