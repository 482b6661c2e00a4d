// dot4j building block (Verilog-2005). Streams are valid/ready: a word moves on a clock edge where
// valid and ready are both high.
// The class: index of the largest of N signed SW-bit scores, the lowest index on ties, one score per cycle. The
// scores are not copied: the upstream holds them until the result is taken, and they pass through to out_scores.
module d4j_argmax #(
    parameter N  = 10,
    parameter SW = 16,
    parameter CW = 4
) (
    input  wire            clk,
    input  wire            rst,
    input  wire            in_valid,
    output wire            in_ready,
    input  wire [N*SW-1:0] in_data,
    output wire            out_valid,
    input  wire            out_ready,
    output reg  [CW-1:0]   out_class,
    output wire [N*SW-1:0] out_scores
);
    localparam [31:0] LAST32 = N - 1;
    localparam [CW-1:0] LAST = LAST32[CW-1:0];
    reg          done;
    reg [CW-1:0] index;
    reg [SW-1:0] best;
    reg [SW-1:0] current;
    integer k;
    always @* begin
        current = in_data[SW-1:0];
        for (k = 1; k < N; k = k + 1) begin
            if (index == k[CW-1:0]) current = in_data[k*SW +: SW];
        end
    end
    assign out_valid  = done;
    assign out_scores = in_data;
    assign in_ready   = done && out_ready;
    always @(posedge clk) begin
        if (rst) begin
            done <= 1'b0;
            index <= {CW{1'b0}};
        end else if (done) begin
            if (out_ready) begin
                done <= 1'b0;
                index <= {CW{1'b0}};
            end
        end else if (in_valid) begin
            if (index == {CW{1'b0}} || $signed(current) > $signed(best)) begin
                best <= current;
                out_class <= index;
            end
            if (index == LAST) done <= 1'b1;
            else index <= index + 1'b1;
        end
    end
endmodule
